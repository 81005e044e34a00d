import "server-only";
/** Hangs up one leg of the task's call (an external party, a consult, or the customer); audited. */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { conferenceSidFor, customerCallSid, loadControlledTask } from "@/lib/server/tasks/load-controlled-task";
import type { HangupInput } from "@/lib/validations/call-control";
import { hangUpCall } from "./conference-participants";

export async function hangUpLeg(user: SessionUser, taskSid: string, input: HangupInput) {
  const task = await loadControlledTask(user, taskSid);
  const isCustomer = task.callSid === input.callSid || customerCallSid(task) === input.callSid;
  if (!isCustomer) {
    const conferenceSid = await conferenceSidFor(task);
    const participant = await db.conferenceParticipant.findUnique({ where: { conferenceSid_callSid: { conferenceSid, callSid: input.callSid } } });
    if (!participant) throw new AppError("not_found", "That call leg is not part of this task.");
  }
  await hangUpCall(input.callSid);
  await recordAudit({ actorId: user.id, action: "call.hangup-leg", targetType: "task", targetId: taskSid, details: { callSid: input.callSid, customer: isCustomer } });
  return { taskSid, callSid: input.callSid };
}
