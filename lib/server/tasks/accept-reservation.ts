import "server-only";
/**
 * Accept / reject a reservation from the console. Queued calls are accepted by answering the
 * ringing softphone (the assignment callback's conference instruction dials the agent); the other
 * task types are accepted here: a transfer dials the agent into the caller's conference first, a
 * callback is marked in progress. Only the reserved agent may answer their reservation.
 * https://www.twilio.com/docs/taskrouter/api/reservations#update-a-reservation-resource
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { activitySid } from "@/lib/server/agents/activity-sids";
import { clientIdentity } from "@/lib/server/agents/identity";
import { addConferenceParticipant, updateConferenceParticipant } from "@/lib/server/calls/conference-participants";
import { updateReservationStatus } from "@/lib/server/twilio/taskrouter";
import type { RejectReservationInput } from "@/lib/validations/call-control";

async function loadOwnReservation(user: SessionUser, reservationSid: string) {
  const reservation = await db.reservation.findUnique({ where: { reservationSid }, include: { task: true } });
  if (!reservation) throw new AppError("not_found", "That reservation does not exist (or has not reached us yet).");
  const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, username: true, workerSid: true } });
  if (reservation.userId !== user.id && reservation.workerSid !== me.workerSid) throw new AppError("forbidden", "This reservation is for someone else.");
  if (reservation.status !== "pending") throw new AppError("conflict", `This reservation is already ${reservation.status}.`);
  return { reservation, me };
}

export async function acceptReservation(user: SessionUser, reservationSid: string) {
  const { reservation, me } = await loadOwnReservation(user, reservationSid);
  const task = reservation.task;
  const attributes = (task.attributes ?? {}) as Record<string, unknown>;
  if (task.type === "call" && typeof attributes.call_sid === "string") {
    throw new AppError("conflict", "Answer the ringing call in your softphone to accept it.");
  }
  if (task.type === "transfer") {
    const transfer = attributes.transfer as { conference_sid?: string; customer_call_sid?: string; mode?: string } | undefined;
    if (!transfer?.conference_sid) throw new AppError("conflict", "The transferred call has no conference.");
    await addConferenceParticipant(transfer.conference_sid, { to: `client:${clientIdentity(me)}`, label: `agent:${me.id}` });
    await updateReservationStatus(task.taskSid, reservationSid, "accepted");
    await db.task.update({ where: { id: task.id }, data: { conferenceSid: transfer.conference_sid, agentId: me.id } });
    // Cold: nobody else is with the caller, so they come off hold as the new agent joins.
    if (transfer.mode === "cold" && transfer.customer_call_sid) {
      await updateConferenceParticipant(transfer.conference_sid, transfer.customer_call_sid, { hold: false });
    }
  } else {
    await updateReservationStatus(task.taskSid, reservationSid, "accepted");
    await db.task.update({ where: { id: task.id }, data: { agentId: me.id } });
    if (task.type === "callback") {
      await db.callbackRequest.updateMany({ where: { taskSid: task.taskSid }, data: { status: "IN_PROGRESS", assigneeId: me.id, attempts: { increment: 1 } } });
    }
  }
  await recordAudit({ actorId: user.id, action: "reservation.accept", targetType: "task", targetId: task.taskSid, details: { reservationSid } });
  return { reservationSid, taskSid: task.taskSid, status: "accepted" };
}

export async function rejectReservation(user: SessionUser, reservationSid: string, input: RejectReservationInput) {
  const { reservation } = await loadOwnReservation(user, reservationSid);
  const nextActivity = input.activity ? await activitySid(input.activity) : undefined;
  await updateReservationStatus(reservation.task.taskSid, reservationSid, "rejected", nextActivity);
  await recordAudit({ actorId: user.id, action: "reservation.reject", targetType: "task", targetId: reservation.task.taskSid, details: { reservationSid, activity: input.activity ?? null } });
  return { reservationSid, taskSid: reservation.task.taskSid, status: "rejected" };
}
