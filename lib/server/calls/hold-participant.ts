import "server-only";
/** Hold / resume a leg of the task's conference (the customer's by default); audited. */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { conferenceSidFor, customerCallSid, loadControlledTask } from "@/lib/server/tasks/load-controlled-task";
import type { HoldInput } from "@/lib/validations/call-control";
import { updateConferenceParticipant } from "./conference-participants";

export async function holdParticipant(user: SessionUser, taskSid: string, input: HoldInput) {
  const task = await loadControlledTask(user, taskSid);
  const conferenceSid = await conferenceSidFor(task);
  const callSid = input.callSid ?? customerCallSid(task);
  if (input.callSid) {
    const participant = await db.conferenceParticipant.findUnique({ where: { conferenceSid_callSid: { conferenceSid, callSid } } });
    if (!participant || participant.status !== "joined") throw new AppError("not_found", "That person is not on this call.");
    if (participant.role === "supervisor") throw new AppError("bad_request", "Supervisors cannot be put on hold.");
  }
  await updateConferenceParticipant(conferenceSid, callSid, { hold: input.hold });
  await recordAudit({ actorId: user.id, action: input.hold ? "call.hold" : "call.unhold", targetType: "task", targetId: taskSid, details: { callSid } });
  return { taskSid, callSid, hold: input.hold };
}
