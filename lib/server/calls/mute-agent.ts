import "server-only";
/** Mutes / unmutes the acting user's own leg in the task's conference; audited. */
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { conferenceSidFor, loadControlledTask, participantCallSid } from "@/lib/server/tasks/load-controlled-task";
import type { MuteInput } from "@/lib/validations/call-control";
import { updateConferenceParticipant } from "./conference-participants";

export async function muteAgent(user: SessionUser, taskSid: string, input: MuteInput) {
  const task = await loadControlledTask(user, taskSid);
  const conferenceSid = await conferenceSidFor(task);
  const callSid = await participantCallSid(conferenceSid, user.id);
  await updateConferenceParticipant(conferenceSid, callSid, { muted: input.muted });
  await recordAudit({ actorId: user.id, action: input.muted ? "call.mute" : "call.unmute", targetType: "task", targetId: taskSid, details: { callSid } });
  return { taskSid, callSid, muted: input.muted };
}
