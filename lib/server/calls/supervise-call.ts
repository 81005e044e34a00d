import "server-only";
/**
 * Supervisor joins a live task conference: monitor (muted, hears everyone), whisper (coaching:
 * only the agent hears them) or barge (a normal participant). Switching modes updates the same leg.
 * https://www.twilio.com/docs/voice/api/conference-participant-resource#coaching
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { clientIdentity } from "@/lib/server/agents/identity";
import { conferenceSidFor, loadControlledTask } from "@/lib/server/tasks/load-controlled-task";
import type { SuperviseInput } from "@/lib/validations/call-control";
import { addConferenceParticipant, findParticipantByLabel, hangUpCall, updateConferenceParticipant } from "./conference-participants";

export async function superviseCall(user: SessionUser, taskSid: string, input: SuperviseInput) {
  if (!hasRole(user.role, SUPERVISOR_ROLES)) throw new AppError("forbidden", "Only supervisors can monitor, whisper or barge.");
  const task = await loadControlledTask(user, taskSid);
  const conferenceSid = await conferenceSidFor(task);
  const agentLeg = task.agentId
    ? await db.conferenceParticipant.findFirst({ where: { conferenceSid, role: "agent", userId: task.agentId, status: "joined" } })
    : null;
  if (input.mode === "whisper" && !agentLeg) throw new AppError("conflict", "The agent is not on the call, so there is nobody to coach.");

  const settings = {
    muted: input.mode === "monitor",
    coaching: input.mode === "whisper",
    ...(input.mode === "whisper" ? { callSidToCoach: agentLeg!.callSid } : {}),
  };
  const existing = await db.conferenceParticipant.findFirst({ where: { conferenceSid, role: "supervisor", userId: user.id, status: "joined" } });
  // The join callback of our leg may not have been handled yet when the mode changes quickly.
  const existingCallSid = existing?.callSid ?? (await findParticipantByLabel(conferenceSid, `supervisor:${user.id}`));
  let callSid: string;
  if (existingCallSid) {
    await updateConferenceParticipant(conferenceSid, existingCallSid, settings);
    callSid = existingCallSid;
  } else {
    const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, username: true } });
    callSid = await addConferenceParticipant(conferenceSid, { to: `client:${clientIdentity(me)}`, label: `supervisor:${user.id}`, ...settings });
  }
  await recordAudit({ actorId: user.id, action: `call.${input.mode}`, targetType: "task", targetId: taskSid, details: { callSid, agentId: task.agentId } });
  return { taskSid, callSid, mode: input.mode };
}

/**
 * The supervisor leaves the call: their conference leg is removed; the customer and the agent
 * stay connected (supervisor legs never carry endConferenceOnExit).
 */
export async function leaveSupervision(user: SessionUser, taskSid: string) {
  if (!hasRole(user.role, SUPERVISOR_ROLES)) throw new AppError("forbidden", "Only supervisors can monitor, whisper or barge.");
  const task = await loadControlledTask(user, taskSid, { statuses: ["assigned", "wrapping", "completed", "canceled"] });
  const legs = await db.conferenceParticipant.findMany({
    where: { role: "supervisor", userId: user.id, status: "joined", ...(task.conferenceSid ? { conferenceSid: task.conferenceSid } : { friendlyName: taskSid }) },
  });
  for (const leg of legs) await hangUpCall(leg.callSid);
  await recordAudit({ actorId: user.id, action: "call.leave", targetType: "task", targetId: taskSid, details: { callSids: legs.map((l) => l.callSid) } });
  return { taskSid, left: legs.length };
}
