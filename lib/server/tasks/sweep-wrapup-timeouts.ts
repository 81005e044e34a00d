import "server-only";
/**
 * Server-enforced wrap-up: tasks still wrapping past `wrapupDeadlineAt` (set from the
 * `wrapup.timeoutSeconds` setting when the task entered wrap-up) are completed and their agent
 * returned to Available. The deadline is in the database, so it survives restarts. Overdue tasks
 * are claimed with a lease (their deadline moves 2 minutes ahead, FOR UPDATE SKIP LOCKED), so
 * several app instances never sweep the same task, and a crashed sweep is retried after the lease.
 * Also retries creating tasks for voicemails and callback requests whose task creation failed.
 */
import { db } from "@/lib/server/db";
import type { Logger } from "@/lib/server/logger";
import { createRoutingTask } from "./create-routing-task";
import { finishTaskWork } from "./complete-task";

const LEASE_MS = 120_000;

export async function sweepWrapupTimeouts(log: Logger, now: Date = new Date()): Promise<{ completed: string[] }> {
  const completed: string[] = [];
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Task" SET "wrapupDeadlineAt" = ${new Date(now.getTime() + LEASE_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "Task" WHERE "status" = 'wrapping' AND "wrapupDeadlineAt" <= ${now}
      ORDER BY "wrapupDeadlineAt" LIMIT 50 FOR UPDATE SKIP LOCKED
    ) RETURNING "id"`;
  {
    const due = claimed.length ? await db.task.findMany({ where: { id: { in: claimed.map((c) => c.id) } } }) : [];
    for (const task of due) {
      try {
        await finishTaskWork(task, { disposition: task.disposition, notes: task.notes, reason: "wrap-up timeout", actorId: null, action: "task.wrapup-timeout" });
        await db.task.update({ where: { id: task.id }, data: { status: "completed", completedAt: now } });
        completed.push(task.taskSid);
      } catch (error) {
        log.error({ err: error, taskSid: task.taskSid }, "could not end an overdue wrap-up");
      }
    }
  }
  await retryMissingTasks(log, now);
  return { completed };
}

const RETRY_LOCK = 7_403_211;

/** Held in a transaction-scoped advisory lock so only one instance retries at a time. */
async function retryMissingTasks(log: Logger, now: Date) {
  await db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RETRY_LOCK}) AS locked`;
      if (lock?.locked) await createMissingTasks(log, now);
    },
    { timeout: 60_000 },
  );
}

async function createMissingTasks(log: Logger, now: Date) {
  const olderThan = new Date(now.getTime() - 30_000);
  const voicemails = await db.voicemail.findMany({ where: { taskSid: null, handledAt: null, createdAt: { lt: olderThan } }, include: { queue: true, call: true }, take: 10 });
  for (const v of voicemails) {
    try {
      const taskSid = await createRoutingTask({
        attributes: { type: "voicemail", queue: v.queue?.key ?? "general", skill: v.queue?.key ?? "general", voicemail_id: v.id, caller: v.from, contact_id: v.contactId, call_sid: v.call?.callSid ?? null },
      });
      await db.voicemail.update({ where: { id: v.id }, data: { taskSid } });
    } catch (error) {
      log.warn({ err: error, voicemailId: v.id }, "voicemail task still cannot be created");
    }
  }
  const callbacks = await db.callbackRequest.findMany({ where: { taskSid: null, status: "PENDING", createdAt: { lt: olderThan } }, include: { queue: true }, take: 10 });
  for (const c of callbacks) {
    try {
      const taskSid = await createRoutingTask({
        attributes: { type: "callback", queue: c.queue?.key ?? "general", skill: c.queue?.key ?? "general", callback_request_id: c.id, callback_number: c.phone, caller: c.phone, contact_id: c.contactId },
      });
      await db.callbackRequest.update({ where: { id: c.id }, data: { taskSid } });
    } catch (error) {
      log.warn({ err: error, callbackRequestId: c.id }, "callback task still cannot be created");
    }
  }
}
