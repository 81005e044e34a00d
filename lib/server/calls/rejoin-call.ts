import "server-only";
/**
 * The agent goes back to a held call whose softphone leg is gone. The Voice SDK keeps one active
 * call per Device: answering a second call (or dialing one) drops the agent's leg of the held
 * call, while the caller stays on hold in the task's conference (end_conference_on_exit is false
 * for agents). Resuming dials the agent back into that conference, as Flex does, and takes the
 * caller off hold. Only the task's own agent may rejoin; audited.
 * https://www.twilio.com/docs/voice/api/conference-participant-resource#create-a-participant-agent-conference-only
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { clientIdentity } from "@/lib/server/agents/identity";
import { conferenceSidFor, customerCallSid, loadControlledTask } from "@/lib/server/tasks/load-controlled-task";
import { addConferenceParticipant, updateConferenceParticipant } from "./conference-participants";

export async function rejoinCall(user: SessionUser, taskSid: string) {
  const task = await loadControlledTask(user, taskSid);
  if (task.agentId !== user.id) throw new AppError("forbidden", "Only the call's agent can go back to it.");
  const conferenceSid = await conferenceSidFor(task);
  const callSid = customerCallSid(task);
  const customer = await db.conferenceParticipant.findUnique({ where: { conferenceSid_callSid: { conferenceSid, callSid } } });
  if (customer && customer.status !== "joined") throw new AppError("conflict", "The caller has hung up.");
  const myLeg = await db.conferenceParticipant.findFirst({ where: { conferenceSid, userId: user.id, role: "agent", status: "joined" }, select: { callSid: true } });
  let agentCallSid = myLeg?.callSid ?? null;
  if (!myLeg) {
    const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, username: true } });
    agentCallSid = await addConferenceParticipant(conferenceSid, { to: `client:${clientIdentity(me)}`, label: `agent:${user.id}` });
  }
  await updateConferenceParticipant(conferenceSid, callSid, { hold: false });
  await recordAudit({ actorId: user.id, action: "call.rejoin", targetType: "task", targetId: taskSid, details: { agentCallSid, dialed: !myLeg } });
  return { taskSid, agentCallSid, dialed: !myLeg };
}
