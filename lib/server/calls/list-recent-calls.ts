import "server-only";
import { db } from "@/lib/server/db";
import { CUSTOMER_CALLS } from "./customer-calls";

export interface RecentCall {
  id: string;
  direction: string;
  from: string;
  to: string;
  contactName: string | null;
  queueName: string | null;
  agentName: string | null;
  outcome: string | null;
  disposition: string | null;
  startedAt: Date;
  durationSeconds: number | null;
}

/** The latest customer calls (not the legs that rang agents' softphones), optionally only those an agent handled. */
export async function listRecentCalls(options: { agentId?: string; limit?: number } = {}): Promise<RecentCall[]> {
  const rows = await db.call.findMany({
    where: { AND: [CUSTOMER_CALLS, options.agentId ? { agentId: options.agentId } : {}] },
    orderBy: { startedAt: "desc" },
    take: options.limit ?? 20,
    select: {
      id: true, direction: true, from: true, to: true, outcome: true, disposition: true, startedAt: true, durationSeconds: true,
      contact: { select: { name: true } }, queue: { select: { name: true } }, agent: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id, direction: r.direction, from: r.from, to: r.to, outcome: r.outcome, disposition: r.disposition,
    startedAt: r.startedAt, durationSeconds: r.durationSeconds,
    contactName: r.contact?.name ?? null, queueName: r.queue?.name ?? null, agentName: r.agent?.name ?? null,
  }));
}
