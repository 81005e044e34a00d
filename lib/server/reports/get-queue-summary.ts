import "server-only";
import { db } from "@/lib/server/db";
import { getBusinessTimezone, getSetting } from "@/lib/server/settings/get-setting";
import { startOfDayInZone } from "@/lib/time";

export interface QueueSummary {
  queueId: string;
  name: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** Share of answered calls picked up within the queue's SLA threshold. */
  serviceLevel: number | null;
  averageWaitSeconds: number | null;
  averageHandleSeconds: number | null;
}

/** Per-queue numbers for the business day so far. */
export async function getQueueSummary(now = new Date()): Promise<{ since: Date; queues: QueueSummary[] }> {
  const since = startOfDayInZone(now, await getBusinessTimezone());
  const defaultThreshold = await getSetting("sla.thresholdSeconds", 20);
  const queues = await db.queue.findMany({ orderBy: { priority: "desc" }, select: { id: true, name: true, slaThresholdSeconds: true } });
  const calls = await db.call.findMany({
    where: { startedAt: { gte: since }, queueId: { not: null } },
    select: { queueId: true, outcome: true, queueSeconds: true, answeredAt: true, endedAt: true, agentId: true },
  });
  return {
    since,
    queues: queues.map((q) => {
      const mine = calls.filter((c) => c.queueId === q.id);
      const answered = mine.filter((c) => c.outcome === "answered");
      const abandoned = mine.filter((c) => c.outcome === "abandoned");
      const threshold = q.slaThresholdSeconds || defaultThreshold;
      const waits = answered.map((c) => c.queueSeconds ?? 0);
      const handles = answered
        .filter((c) => c.endedAt)
        .map((c) => (c.endedAt!.getTime() - (c.answeredAt?.getTime() ?? c.endedAt!.getTime())) / 1000);
      const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
      const decided = answered.length + abandoned.length;
      return {
        queueId: q.id,
        name: q.name,
        offered: mine.length,
        answered: answered.length,
        abandoned: abandoned.length,
        serviceLevel: decided ? waits.filter((w) => w <= threshold).length / decided : null,
        averageWaitSeconds: avg(waits),
        averageHandleSeconds: avg(handles),
      };
    }),
  };
}
