import "server-only";
/**
 * "My work" on the agent console: the calls an agent handled since midnight in the business's
 * time zone (not the server's, not the browser's), newest first, with the day's totals.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { startOfDayInZone } from "@/lib/time";
import { CUSTOMER_CALLS, isAgentOriginated } from "./customer-calls";

export interface AgentDayCall {
  id: string;
  startedAt: string;
  direction: "inbound" | "outbound";
  /** The customer's number (E.164 for phone calls; `client:…` for calls between agents). */
  customer: string;
  contactName: string | null;
  queueName: string | null;
  outcome: string | null;
  disposition: string | null;
  durationSeconds: number | null;
}

export interface AgentDay {
  calls: AgentDayCall[];
  totals: { calls: number; answered: number; talkSeconds: number };
  /** True when the day has more calls than the list shows (totals still count them all). */
  truncated: boolean;
}

/** Talk time: answer to hang-up when both are known, else Twilio's duration for answered calls. */
function talkSeconds(call: { answeredAt: Date | null; endedAt: Date | null; durationSeconds: number | null; outcome: string | null }) {
  if (call.answeredAt && call.endedAt) return Math.max(0, Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000));
  return call.outcome === "answered" ? (call.durationSeconds ?? 0) : 0;
}

export async function listAgentToday(agentId: string, timeZone: string, options: { now?: Date; limit?: number } = {}): Promise<AgentDay> {
  const since = startOfDayInZone(options.now ?? new Date(), timeZone);
  const limit = options.limit ?? 100;
  // Not the legs that rang the agent's own softphone (the conference leg TaskRouter's assignment
  // dials, transfers): those are the agent's side of a customer's call, which is listed itself.
  const where: Prisma.CallWhereInput = { AND: [CUSTOMER_CALLS, { agentId, startedAt: { gte: since } }] };
  const [rows, all] = await Promise.all([
    db.call.findMany({
      where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true, direction: true, from: true, to: true, outcome: true, disposition: true, startedAt: true, durationSeconds: true,
        contact: { select: { name: true, erasedAt: true } }, queue: { select: { name: true } },
      },
    }),
    // Totals over the whole day, not only the rows shown.
    db.call.findMany({ where, select: { outcome: true, answeredAt: true, endedAt: true, durationSeconds: true } }),
  ]);
  return {
    calls: rows.map((r) => {
      // An agent's outbound call is the TwiML App's inbound leg from `client:…` to the customer.
      const outbound = isAgentOriginated(r);
      return {
        id: r.id,
        startedAt: r.startedAt.toISOString(),
        direction: outbound ? "outbound" : "inbound",
        customer: outbound ? r.to : r.from,
        contactName: r.contact && !r.contact.erasedAt ? r.contact.name : null,
        queueName: r.queue?.name ?? null,
        outcome: r.outcome,
        disposition: r.disposition,
        durationSeconds: r.durationSeconds,
      };
    }),
    totals: {
      calls: all.length,
      answered: all.filter((c) => c.outcome === "answered").length,
      talkSeconds: all.reduce((sum, c) => sum + talkSeconds(c), 0),
    },
    truncated: all.length > rows.length,
  };
}
