import "server-only";
/**
 * worker.activity.update: activity intervals, one row per (worker, start). Out-of-order events
 * are placed where they belong in time: each interval ends where the next one starts.
 * https://www.twilio.com/docs/taskrouter/api/event/reference#worker-events
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import type { TaskRouterEvent } from "@/lib/validations/twilio";
import { eventTimeMs } from "./event-time";

export async function applyWorkerActivityEvent(event: TaskRouterEvent): Promise<void> {
  const workerSid = event.WorkerSid ?? event.ResourceSid;
  if (!workerSid || !event.WorkerActivityName) return;
  const startedAt = new Date(eventTimeMs(event));
  const user = await db.user.findUnique({ where: { workerSid }, select: { id: true } });

  await db.$transaction(async (tx) => {
    await tx.workerActivityInterval.createMany({
      data: [{ workerSid, userId: user?.id ?? null, activitySid: event.WorkerActivitySid ?? null, activityName: event.WorkerActivityName!, startedAt }],
      skipDuplicates: true,
    });
    const previous = await tx.workerActivityInterval.findFirst({ where: { workerSid, startedAt: { lt: startedAt } }, orderBy: { startedAt: "desc" } });
    const next = await tx.workerActivityInterval.findFirst({ where: { workerSid, startedAt: { gt: startedAt } }, orderBy: { startedAt: "asc" } });
    if (previous) {
      await tx.workerActivityInterval.update({
        where: { id: previous.id },
        data: { endedAt: startedAt, durationMs: startedAt.getTime() - previous.startedAt.getTime() },
      });
    }
    await tx.workerActivityInterval.update({
      where: { workerSid_startedAt: { workerSid, startedAt } },
      data: next ? { endedAt: next.startedAt, durationMs: next.startedAt.getTime() - startedAt.getTime() } : { endedAt: null, durationMs: null },
    });
  });
  const current = await db.workerActivityInterval.findFirst({ where: { workerSid }, orderBy: { startedAt: "desc" } });
  await publish("worker.activity", {
    workerSid,
    userId: user?.id ?? null,
    activityName: current?.activityName ?? event.WorkerActivityName,
    activitySid: current?.activitySid ?? event.WorkerActivitySid ?? null,
    startedAt: (current?.startedAt ?? startedAt).toISOString(),
  });
}
