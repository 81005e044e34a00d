import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";

export async function listQueues() {
  return db.queue.findMany({
    orderBy: [{ priority: "desc" }, { name: "asc" }],
    select: { id: true, key: true, name: true, targetWorkers: true, slaThresholdSeconds: true, timeoutSeconds: true, priority: true, isDefault: true, taskQueueSid: true },
  });
}

/**
 * Updates what the app owns about a queue. Routing changes (timeout, priority) take effect in
 * TaskRouter when provisioning next runs (`npm run twilio:provision`; the launcher runs it on
 * every start in sandbox mode).
 */
export async function updateQueue(actor: SessionUser, input: { queueId: string; name: string; slaThresholdSeconds: number; timeoutSeconds: number; priority: number }) {
  await db.$transaction(async (tx) => {
    const queue = await tx.queue.findUnique({ where: { id: input.queueId }, select: { id: true } });
    if (!queue) throw new AppError("not_found", "That queue no longer exists.");
    const { queueId, ...data } = input;
    await tx.queue.update({ where: { id: queueId }, data });
    await recordAudit({ actorId: actor.id, action: "queue.update", targetType: "queue", targetId: queueId, details: data }, tx);
  });
}
