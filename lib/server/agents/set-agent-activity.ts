import "server-only";
/**
 * A supervisor changes an agent's activity (Available, Break, Offline) through TaskRouter's
 * Workers REST API, exactly as the agent's own Worker would, so Twilio and the sandbox both
 * route by it and send the worker.activity.update event that updates every dashboard. Moving an
 * agent to an unavailable activity rejects their pending reservations, as Flex does. Audited.
 * https://www.twilio.com/docs/taskrouter/api/worker#update-a-worker-resource
 */
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { setWorkerActivity } from "@/lib/server/twilio/taskrouter";
import type { SetAgentActivityInput } from "@/lib/validations/supervisor";
import { activitySid } from "./activity-sids";

export async function setAgentActivity(actor: SessionUser, userId: string, input: SetAgentActivityInput) {
  if (!hasRole(actor.role, SUPERVISOR_ROLES)) throw new AppError("forbidden", "Only supervisors can change another agent's activity.");
  const agent = await db.user.findUnique({ where: { id: userId }, select: { id: true, workerSid: true, disabled: true } });
  if (!agent) throw new AppError("not_found", "That agent does not exist.");
  if (!agent.workerSid) throw new AppError("conflict", "This agent has no TaskRouter worker yet. Run provisioning.");
  const previous = await db.workerActivityInterval.findFirst({ where: { workerSid: agent.workerSid }, orderBy: { startedAt: "desc" }, select: { activityName: true } });
  await setWorkerActivity(agent.workerSid, await activitySid(input.activity), { rejectPendingReservations: input.activity !== "Available" });
  await recordAudit({
    actorId: actor.id,
    action: "agent.activity",
    targetType: "user",
    targetId: agent.id,
    details: { from: previous?.activityName ?? null, to: input.activity },
  });
  return { userId: agent.id, activity: input.activity };
}
