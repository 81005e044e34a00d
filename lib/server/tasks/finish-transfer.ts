import "server-only";
/**
 * Ends a warm transfer: `handoff` leaves the caller with the consulted agent (the transferring
 * agent leaves and wraps up); `return` drops the consulted agent, cancels or completes the
 * transfer task and takes the caller off hold.
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { findParticipantByLabel, removeConferenceParticipant, updateConferenceParticipant } from "@/lib/server/calls/conference-participants";
import { endTask, setTaskAssignmentStatus, updateTaskAttributes } from "@/lib/server/twilio/taskrouter";
import type { FinishTransferInput } from "@/lib/validations/call-control";
import { conferenceSidFor, customerCallSid, loadControlledTask, participantCallSid } from "./load-controlled-task";

export async function finishTransfer(user: SessionUser, taskSid: string, input: FinishTransferInput) {
  const task = await loadControlledTask(user, taskSid);
  const pending = (task.attributes as { transfer_pending?: { task_sid?: string } } | null)?.transfer_pending;
  if (!pending?.task_sid) throw new AppError("conflict", "There is no warm transfer in progress on this call.");
  const conferenceSid = await conferenceSidFor(task);
  const transferTask = await db.task.findUnique({ where: { taskSid: pending.task_sid } });

  if (input.outcome === "handoff") {
    const consulted = transferTask?.agentId
      ? await db.conferenceParticipant.findFirst({ where: { conferenceSid, role: "agent", userId: transferTask.agentId, status: "joined" } })
      : null;
    if (!consulted) throw new AppError("conflict", "The other agent has not joined the call yet.");
    await updateConferenceParticipant(conferenceSid, customerCallSid(task), { hold: false });
    if (task.agentId) {
      const myLeg = await participantCallSid(conferenceSid, task.agentId).catch(() => null);
      if (myLeg) await removeConferenceParticipant(conferenceSid, myLeg);
    }
    await updateTaskAttributes(task.taskSid, { transfer_pending: null });
    await setTaskAssignmentStatus(task.taskSid, "wrapping", "transferred");
  } else {
    if (transferTask?.agentId) {
      const consulted = await db.conferenceParticipant.findFirst({ where: { conferenceSid, role: "agent", userId: transferTask.agentId, status: "joined" } });
      // Our copy may not have the join yet (its callback still on the way): ask Twilio by the leg's label.
      const leg = consulted?.callSid ?? (await findParticipantByLabel(conferenceSid, `agent:${transferTask.agentId}`));
      if (leg) await removeConferenceParticipant(conferenceSid, leg);
    }
    // Not from our copy of the task: the consulted agent's accept may not have reached us yet.
    await endTask(pending.task_sid, "transfer returned");
    await updateConferenceParticipant(conferenceSid, customerCallSid(task), { hold: false });
    await updateTaskAttributes(task.taskSid, { transfer_pending: null });
  }
  await recordAudit({ actorId: user.id, action: `task.transfer.${input.outcome}`, targetType: "task", targetId: task.taskSid, details: { transferTaskSid: pending.task_sid } });
  return { taskSid: task.taskSid, transferTaskSid: pending.task_sid, outcome: input.outcome };
}
