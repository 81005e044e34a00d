import "server-only";
/**
 * reservation.* events: one Reservation row per ReservationSid. Accepting a reservation makes
 * its worker the task's agent and marks the call answered.
 * https://www.twilio.com/docs/taskrouter/api/event/reference#reservation-events
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import type { TaskRouterEvent } from "@/lib/validations/twilio";
import { eventTimeMs, isNewerState, TERMINAL_RESERVATION_STATUSES } from "./event-time";
import { applyTaskEvent } from "./task-event";

const STATUS_BY_EVENT: Record<string, string> = {
  "reservation.created": "pending",
  "reservation.accepted": "accepted",
  "reservation.rejected": "rejected",
  "reservation.timeout": "timeout",
  "reservation.canceled": "canceled",
  "reservation.rescinded": "rescinded",
  "reservation.completed": "completed",
  "reservation.wrapup": "wrapping",
  "reservation.failed": "canceled",
};
const RANK: Record<string, number> = { pending: 0, accepted: 1, wrapping: 2, rejected: 3, timeout: 3, canceled: 3, rescinded: 3, completed: 3 };

export async function applyReservationEvent(event: TaskRouterEvent): Promise<void> {
  const reservationSid = event.ReservationSid ?? event.ResourceSid;
  if (!reservationSid || !event.WorkerSid) return;
  const task = await applyTaskEvent(event);
  if (!task) return;
  const status = STATUS_BY_EVENT[event.EventType] ?? "pending";
  const atMs = eventTimeMs(event);
  const at = new Date(atMs);
  const user = await db.user.findUnique({ where: { workerSid: event.WorkerSid }, select: { id: true } });
  const responded = ["accepted", "rejected", "timeout"].includes(status);
  const ended = TERMINAL_RESERVATION_STATUSES.has(status);

  const existing = await db.reservation.findUnique({ where: { reservationSid } });
  if (!existing) {
    await db.reservation.createMany({
      data: [{
        reservationSid, taskId: task.id, workerSid: event.WorkerSid, userId: user?.id ?? null, status,
        lastEventAtMs: BigInt(atMs), createdAt: status === "pending" ? at : at,
        respondedAt: responded ? at : null, endedAt: ended ? at : null,
      }],
      skipDuplicates: true,
    });
  } else if (isNewerState({ status: existing.status, lastEventAtMs: Number(existing.lastEventAtMs) }, { status, atMs }, RANK, TERMINAL_RESERVATION_STATUSES)) {
    await db.reservation.update({
      where: { id: existing.id },
      data: {
        status,
        lastEventAtMs: BigInt(atMs),
        ...(responded && !existing.respondedAt ? { respondedAt: at } : {}),
        ...(ended && !existing.endedAt ? { endedAt: at } : {}),
      },
    });
  } else if (status === "pending" && existing.createdAt > at) {
    // reservation.created arrived late: keep the true creation time.
    await db.reservation.update({ where: { id: existing.id }, data: { createdAt: at } });
  }

  if (status === "accepted" && user) {
    const t = await db.task.findUniqueOrThrow({ where: { id: task.id }, select: { callSid: true, agentId: true, queueId: true, attributes: true } });
    if (!t.agentId) await db.task.update({ where: { id: task.id }, data: { agentId: user.id } });
    // An agent's outbound call is answered when the customer picks up (its status callbacks), not here.
    const outbound = (t.attributes as Record<string, unknown> | null)?.direction === "outbound";
    if (t.callSid && !outbound) {
      const call = await db.call.findUnique({ where: { callSid: t.callSid }, select: { id: true, answeredAt: true, enqueuedAt: true } });
      if (call && !call.answeredAt) {
        await db.call.update({
          where: { id: call.id },
          data: {
            agentId: user.id,
            answeredAt: at,
            outcome: "answered",
            taskSid: task.taskSid,
            queueSeconds: call.enqueuedAt ? Math.max(0, Math.round((atMs - call.enqueuedAt.getTime()) / 1000)) : null,
          },
        });
        await publish("call.updated", { callSid: t.callSid, agentId: user.id, outcome: "answered", queueId: t.queueId });
      }
    }
  }
  const latest = await db.reservation.findUniqueOrThrow({ where: { reservationSid }, select: { status: true } });
  await publish("reservation.updated", { reservationSid, taskSid: task.taskSid, workerSid: event.WorkerSid, userId: user?.id ?? null, status: latest.status });
}
