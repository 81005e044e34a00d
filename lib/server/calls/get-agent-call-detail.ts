import "server-only";
/**
 * One call as the agent who handled it sees it (the supervisor's call-detail page shows more:
 * timeline and routing). Another agent's call, or an unknown id, is "not found" alike, so ids
 * cannot be probed.
 */
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";

export async function getAgentCallDetail(user: SessionUser, id: string) {
  const call = await db.call.findFirst({
    where: { id, agentId: user.id },
    select: {
      id: true, direction: true, from: true, to: true, outcome: true, disposition: true, notes: true, ivrPath: true,
      startedAt: true, answeredAt: true, endedAt: true, queueSeconds: true, durationSeconds: true, taskSid: true,
      contact: { select: { name: true, company: true, erasedAt: true } },
      queue: { select: { name: true } },
      recordings: { orderBy: { createdAt: "asc" }, select: { id: true, recordingSid: true, status: true, durationSeconds: true, createdAt: true } },
    },
  });
  if (!call) throw new AppError("not_found", "That call does not exist, or it was not yours.");
  // Wrap-up writes the disposition and notes on the task; older calls may only have them there.
  const task = call.taskSid ? await db.task.findUnique({ where: { taskSid: call.taskSid }, select: { disposition: true, notes: true } }) : null;
  const outbound = call.direction !== "inbound" || call.from.startsWith("client:");
  return {
    ...call,
    outbound,
    customer: outbound ? call.to : call.from,
    contact: call.contact && !call.contact.erasedAt ? call.contact : null,
    disposition: call.disposition ?? task?.disposition ?? null,
    notes: call.notes ?? task?.notes ?? null,
  };
}
