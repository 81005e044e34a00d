import "server-only";
/**
 * Server-enforced wrap-up: tasks still wrapping past `wrapupDeadlineAt` (set from the
 * `wrapup.timeoutSeconds` setting when the task entered wrap-up) are completed and their agent
 * returned to Available. The deadline is in the database, so it survives restarts. Overdue tasks
 * are claimed with a lease (their deadline moves 2 minutes ahead, FOR UPDATE SKIP LOCKED), so
 * several app instances never sweep the same task, and a crashed sweep is retried after the lease.
 * Also retries creating tasks for recent voicemails and callback requests whose task creation
 * failed (Twilio unreachable at the time).
 */
import { db } from "@/lib/server/db";
import type { Logger } from "@/lib/server/logger";
import { getResourceSid } from "@/lib/server/twilio/config";
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

/** Only recent rows are retried: older ones without a task predate routing (e.g. imported history). */
const RETRY_WINDOW = "1 hour";
const RETRY_LEASE = "2 minutes";

/**
 * Rows are claimed with a lease on `updatedAt` (FOR UPDATE SKIP LOCKED), so only one instance
 * retries a given voicemail or callback at a time; nothing holds a connection during REST calls.
 */
async function retryMissingTasks(log: Logger, now: Date) {
  try {
    await getResourceSid("workflowSid");
  } catch {
    return; // not provisioned yet: nothing can be routed, and that is reported elsewhere
  }
  await createMissingTasks(log, now);
}

async function createMissingTasks(log: Logger, now: Date) {
  const olderThan = new Date(now.getTime() - 30_000);
  const claimedVoicemails = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Voicemail" SET "updatedAt" = now() WHERE "id" IN (
      SELECT "id" FROM "Voicemail"
      WHERE "taskSid" IS NULL AND "handledAt" IS NULL AND "createdAt" < ${olderThan}
        AND "createdAt" > now() - ${RETRY_WINDOW}::interval AND "updatedAt" < now() - ${RETRY_LEASE}::interval
      LIMIT 10 FOR UPDATE SKIP LOCKED
    ) RETURNING "id"`;
  const voicemails = claimedVoicemails.length
    ? await db.voicemail.findMany({ where: { id: { in: claimedVoicemails.map((v) => v.id) } }, include: { queue: true, call: true } })
    : [];
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
  const claimedCallbacks = await db.$queryRaw<{ id: string }[]>`
    UPDATE "CallbackRequest" SET "updatedAt" = now() WHERE "id" IN (
      SELECT "id" FROM "CallbackRequest"
      WHERE "taskSid" IS NULL AND "status" = 'PENDING' AND "createdAt" < ${olderThan}
        AND "createdAt" > now() - ${RETRY_WINDOW}::interval AND "updatedAt" < now() - ${RETRY_LEASE}::interval
      LIMIT 10 FOR UPDATE SKIP LOCKED
    ) RETURNING "id"`;
  const callbacks = claimedCallbacks.length
    ? await db.callbackRequest.findMany({ where: { id: { in: claimedCallbacks.map((c) => c.id) } }, include: { queue: true } })
    : [];
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
