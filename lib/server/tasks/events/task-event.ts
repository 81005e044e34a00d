import "server-only";
/**
 * task.* events (and the task fields every reservation event carries): one Task row per TaskSid,
 * created by whichever event arrives first, its status moved only by newer events.
 * https://www.twilio.com/docs/taskrouter/api/event/reference#task-events
 */
import { db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/server/events";
import { loadIvrConfig } from "@/lib/server/calls/ivr-config";
import type { TaskRouterEvent } from "@/lib/validations/twilio";
import { eventTimeMs, isNewerState, TASK_STATUS_RANK, TERMINAL_TASK_STATUSES } from "./event-time";

const STATUS_BY_EVENT: Record<string, string> = {
  "task.created": "pending",
  "task.canceled": "canceled",
  "task.completed": "completed",
  "task.wrapup": "wrapping",
};

async function queueIdFor(event: TaskRouterEvent, attributes: Record<string, unknown>): Promise<string | null> {
  if (event.TaskQueueSid) {
    const q = await db.queue.findUnique({ where: { taskQueueSid: event.TaskQueueSid }, select: { id: true } });
    if (q) return q.id;
  }
  if (typeof attributes.queue === "string") {
    const q = await db.queue.findUnique({ where: { key: attributes.queue }, select: { id: true } });
    if (q) return q.id;
  }
  return null;
}

export async function applyTaskEvent(event: TaskRouterEvent): Promise<{ id: string; taskSid: string } | null> {
  const taskSid = event.TaskSid;
  if (!taskSid) return null;
  const atMs = eventTimeMs(event);
  const at = new Date(atMs);
  const attributes = event.TaskAttributes;
  const status = event.TaskAssignmentStatus ?? STATUS_BY_EVENT[event.EventType] ?? "pending";
  const queueId = await queueIdFor(event, attributes);
  const contactId =
    typeof attributes.contact_id === "string"
      ? ((await db.contact.findUnique({ where: { id: attributes.contact_id }, select: { id: true } }))?.id ?? null)
      : null;
  const reason = event.TaskCanceledReason ?? event.TaskCompletedReason ?? null;
  const wrapupTimeout = (await loadIvrConfig()).wrapupTimeoutSeconds;

  const milestones = (existing: { assignedAt: Date | null; wrapupAt: Date | null; completedAt: Date | null; canceledAt: Date | null } | null) => ({
    ...(status === "assigned" && !existing?.assignedAt ? { assignedAt: at } : {}),
    ...(status === "wrapping" && !existing?.wrapupAt ? { wrapupAt: at, wrapupDeadlineAt: new Date(atMs + wrapupTimeout * 1000) } : {}),
    ...(status === "completed" && !existing?.completedAt ? { completedAt: at } : {}),
    ...(status === "canceled" && !existing?.canceledAt ? { canceledAt: at } : {}),
  });

  const existing = await db.task.findUnique({ where: { taskSid } });
  if (!existing) {
    const created = await db.task.createManyAndReturn({
      data: [{
        taskSid,
        type: typeof attributes.type === "string" ? attributes.type : "call",
        status,
        attributes: attributes as Prisma.InputJsonValue,
        priority: event.TaskPriority ?? 0,
        taskQueueSid: event.TaskQueueSid ?? null,
        queueId,
        workflowSid: event.WorkflowSid ?? null,
        callSid: typeof attributes.call_sid === "string" ? attributes.call_sid : null,
        contactId,
        reason,
        lastEventAtMs: BigInt(atMs),
        createdAt: event.EventType === "task.created" ? at : new Date(atMs - (event.TaskAge ?? 0) * 1000),
        ...milestones(null),
      }],
      skipDuplicates: true,
    });
    if (created.length === 0) return applyTaskEvent(event); // a concurrent event created it first
  } else {
    const newer = isNewerState({ status: existing.status, lastEventAtMs: Number(existing.lastEventAtMs) }, { status, atMs }, TASK_STATUS_RANK, TERMINAL_TASK_STATUSES);
    // A task never goes back from assigned/wrapping to pending/reserved: our own copy (an outbound
    // call's task is stored as assigned by its webhook) may be ahead of late events.
    const backwards = (TASK_STATUS_RANK[existing.status] ?? 0) >= TASK_STATUS_RANK.assigned! && (TASK_STATUS_RANK[status] ?? 0) < TASK_STATUS_RANK.assigned!;
    await db.task.update({
      where: { id: existing.id },
      data: {
        ...milestones(existing),
        // An outbound call's customer leg is known only after its task exists (set once, any order).
        ...(!existing.callSid && typeof attributes.call_sid === "string" ? { callSid: attributes.call_sid } : {}),
        // task.created arrived after other events: it carries the true creation time.
        ...(event.EventType === "task.created" ? { createdAt: at } : {}),
        ...(newer
          ? {
              ...(backwards ? {} : { status }),
              attributes: attributes as Prisma.InputJsonValue,
              lastEventAtMs: BigInt(atMs),
              ...(event.TaskPriority !== undefined ? { priority: event.TaskPriority } : {}),
              ...(event.TaskQueueSid ? { taskQueueSid: event.TaskQueueSid, queueId } : {}),
              ...(reason ? { reason } : {}),
            }
          : {}),
      },
    });
  }
  const task = await db.task.findUniqueOrThrow({ where: { taskSid } });

  // A queued call whose task was canceled before anyone answered: the caller gave up.
  if (task.status === "canceled" && task.callSid && attributes.direction !== "outbound") {
    await db.call.updateMany({ where: { callSid: task.callSid, outcome: null, answeredAt: null }, data: { outcome: "abandoned" } });
  }
  if (task.type === "voicemail" && typeof attributes.voicemail_id === "string") {
    await db.voicemail.updateMany({ where: { id: attributes.voicemail_id, taskSid: null }, data: { taskSid } });
  }
  if (task.type === "callback" && typeof attributes.callback_request_id === "string") {
    await db.callbackRequest.updateMany({ where: { id: attributes.callback_request_id, taskSid: null }, data: { taskSid } });
  }
  await publish("task.updated", { taskSid, status: task.status, type: task.type, queueId: task.queueId, agentId: task.agentId, eventType: event.EventType });
  if (task.queueId) await publish("queue.stats", { queueId: task.queueId });
  return { id: task.id, taskSid };
}
