import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import type { ResolvedRange } from "./date-range";

/**
 * "How did we do?" for a period: the contact-center KPIs as Flex / Connect define them, computed
 * in SQL so a period of a million calls stays one pass over the (startedAt) index range.
 *
 * Definitions (inbound calls that reached a queue):
 * - offered      = calls that entered a queue
 * - answered     = offered calls an agent answered; abandoned = the caller hung up while waiting
 * - ASA          = average queue wait of answered calls
 * - AHT          = average talk time + average wrap-up time of agent-handled calls
 * - service level = answered within the queue's threshold ÷ (answered + abandoned)
 * - occupancy    = time on calls and in wrap-up ÷ time signed in and not on break (per agent)
 */

export interface ReportTotals {
  offered: number;
  answered: number;
  abandoned: number;
  inSla: number;
  voicemails: number;
  callbacks: number;
  outbound: number;
  averageSpeedOfAnswer: number | null;
  averageTalk: number | null;
  averageWrap: number | null;
  averageHandle: number | null;
  abandonmentRate: number | null;
  serviceLevel: number | null;
}

export interface VolumePoint {
  /** Hour of day 0–23 (by-hour series) or YYYY-MM-DD (by-day series), business time zone. */
  bucket: string;
  inbound: number;
  answered: number;
  abandoned: number;
  outbound: number;
}

export interface QueueRow {
  queueId: string;
  name: string;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  averageSpeedOfAnswer: number | null;
  averageHandle: number | null;
}

export interface AgentRow {
  userId: string;
  name: string;
  handled: number;
  inbound: number;
  outbound: number;
  averageHandle: number | null;
  handleSeconds: number;
  signedInSeconds: number;
  occupancy: number | null;
  dispositions: Record<string, number>;
}

export interface Report {
  range: ResolvedRange;
  totals: ReportTotals;
  byHour: VolumePoint[];
  byDay: VolumePoint[];
  queues: QueueRow[];
  agents: AgentRow[];
}

const num = (v: unknown): number => (v == null ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function periodFilter(range: ResolvedRange, queueId: string | undefined, alias = "c") {
  const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.sql`${col("startedAt")} >= ${range.start} AND ${col("startedAt")} < ${range.end}${
    queueId ? Prisma.sql` AND ${col("queueId")} = ${queueId}` : Prisma.empty
  }`;
}

async function totals(range: ResolvedRange, queueId?: string): Promise<ReportTotals> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT
      count(*) FILTER (WHERE c."direction" = 'inbound' AND c."queueId" IS NOT NULL) AS offered,
      count(*) FILTER (WHERE c."direction" = 'inbound' AND c."queueId" IS NOT NULL AND c."outcome" = 'answered') AS answered,
      count(*) FILTER (WHERE c."outcome" = 'abandoned') AS abandoned,
      count(*) FILTER (WHERE c."outcome" = 'answered' AND c."queueId" IS NOT NULL
                         AND c."queueSeconds" <= coalesce(q."slaThresholdSeconds", 20)) AS in_sla,
      count(*) FILTER (WHERE c."outcome" = 'voicemail') AS voicemails,
      count(*) FILTER (WHERE c."outcome" = 'callback') AS callbacks,
      count(*) FILTER (WHERE c."direction" <> 'inbound') AS outbound,
      avg(c."queueSeconds") FILTER (WHERE c."outcome" = 'answered' AND c."queueId" IS NOT NULL) AS asa,
      avg(extract(epoch FROM (c."endedAt" - c."answeredAt")))
        FILTER (WHERE c."outcome" = 'answered' AND c."agentId" IS NOT NULL AND c."endedAt" IS NOT NULL) AS talk,
      avg(extract(epoch FROM (t."completedAt" - t."wrapupAt")))
        FILTER (WHERE t."completedAt" IS NOT NULL AND t."wrapupAt" IS NOT NULL) AS wrap
    FROM "Call" c
    LEFT JOIN "Queue" q ON q."id" = c."queueId"
    LEFT JOIN "Task" t ON t."taskSid" = c."taskSid"
    WHERE ${periodFilter(range, queueId)}`;
  const r = row ?? {};
  const answered = num(r.answered);
  const abandoned = num(r.abandoned);
  const talk = numOrNull(r.talk);
  const wrap = numOrNull(r.wrap);
  return {
    offered: num(r.offered),
    answered,
    abandoned,
    inSla: num(r.in_sla),
    voicemails: num(r.voicemails),
    callbacks: num(r.callbacks),
    outbound: num(r.outbound),
    averageSpeedOfAnswer: numOrNull(r.asa),
    averageTalk: talk,
    averageWrap: wrap,
    averageHandle: talk == null ? null : talk + (wrap ?? 0),
    abandonmentRate: ratio(abandoned, answered + abandoned),
    serviceLevel: ratio(num(r.in_sla), answered + abandoned),
  };
}

async function volume(range: ResolvedRange, queueId: string | undefined, by: "hour" | "day"): Promise<VolumePoint[]> {
  const local = Prisma.sql`(c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${range.timeZone}`;
  const bucket = by === "hour" ? Prisma.sql`extract(hour FROM ${local})::int::text` : Prisma.sql`to_char(${local}, 'YYYY-MM-DD')`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${bucket} AS bucket,
      count(*) FILTER (WHERE c."direction" = 'inbound') AS inbound,
      count(*) FILTER (WHERE c."direction" = 'inbound' AND c."outcome" = 'answered') AS answered,
      count(*) FILTER (WHERE c."outcome" = 'abandoned') AS abandoned,
      count(*) FILTER (WHERE c."direction" <> 'inbound') AS outbound
    FROM "Call" c
    WHERE ${periodFilter(range, queueId)}
    GROUP BY 1`;
  const found = new Map(rows.map((r) => [String(r.bucket), r]));
  const buckets: string[] = [];
  if (by === "hour") {
    for (let h = 0; h < 24; h++) buckets.push(String(h));
  } else {
    const d = new Date(`${range.fromDate}T12:00:00Z`);
    for (let i = 0; i < range.days; i++) {
      buckets.push(d.toISOString().slice(0, 10));
      d.setUTCDate(d.getUTCDate() + 1);
    }
  }
  return buckets.map((b) => {
    const r = found.get(b) ?? {};
    return { bucket: b, inbound: num(r.inbound), answered: num(r.answered), abandoned: num(r.abandoned), outbound: num(r.outbound) };
  });
}

async function queues(range: ResolvedRange, queueId?: string): Promise<QueueRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT q."id" AS queue_id, q."name" AS name,
      count(c."id") FILTER (WHERE c."direction" = 'inbound') AS offered,
      count(c."id") FILTER (WHERE c."outcome" = 'answered') AS answered,
      count(c."id") FILTER (WHERE c."outcome" = 'abandoned') AS abandoned,
      count(c."id") FILTER (WHERE c."outcome" = 'answered' AND c."queueSeconds" <= q."slaThresholdSeconds") AS in_sla,
      avg(c."queueSeconds") FILTER (WHERE c."outcome" = 'answered') AS asa,
      avg(extract(epoch FROM (c."endedAt" - c."answeredAt"))) FILTER (WHERE c."outcome" = 'answered' AND c."endedAt" IS NOT NULL) AS talk
    FROM "Queue" q
    LEFT JOIN "Call" c ON c."queueId" = q."id" AND ${periodFilter(range, undefined)}
    ${queueId ? Prisma.sql`WHERE q."id" = ${queueId}` : Prisma.empty}
    GROUP BY q."id", q."name", q."priority"
    ORDER BY q."priority" DESC, q."name"`;
  return rows.map((r) => {
    const answered = num(r.answered);
    const abandoned = num(r.abandoned);
    return {
      queueId: String(r.queue_id),
      name: String(r.name),
      offered: num(r.offered),
      answered,
      abandoned,
      serviceLevel: ratio(num(r.in_sla), answered + abandoned),
      averageSpeedOfAnswer: numOrNull(r.asa),
      averageHandle: numOrNull(r.talk),
    };
  });
}

async function agents(range: ResolvedRange, queueId?: string): Promise<AgentRow[]> {
  const calls = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT u."id" AS user_id, u."name" AS name,
      count(c."id") AS handled,
      count(c."id") FILTER (WHERE c."direction" = 'inbound') AS inbound,
      count(c."id") FILTER (WHERE c."direction" <> 'inbound') AS outbound,
      coalesce(sum(extract(epoch FROM (c."endedAt" - coalesce(c."answeredAt", c."startedAt")))), 0)
        + coalesce(sum(extract(epoch FROM (t."completedAt" - t."wrapupAt"))), 0) AS handle_seconds
    FROM "User" u
    LEFT JOIN "Call" c ON c."agentId" = u."id" AND c."endedAt" IS NOT NULL
      AND (c."outcome" = 'answered') AND ${periodFilter(range, queueId)}
    LEFT JOIN "Task" t ON t."taskSid" = c."taskSid"
    WHERE u."role" IN ('AGENT', 'SUPERVISOR') AND NOT u."disabled"
    GROUP BY u."id", u."name"
    ORDER BY u."name"`;
  // Time signed in and working (not Offline, not on Break), clipped to the period.
  const presence = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT i."userId" AS user_id,
      sum(extract(epoch FROM (least(coalesce(i."endedAt", now()), ${range.end}) - greatest(i."startedAt", ${range.start})))) AS seconds
    FROM "WorkerActivityInterval" i
    WHERE i."userId" IS NOT NULL AND i."activityName" NOT IN ('Offline', 'Break')
      AND i."startedAt" < ${range.end} AND coalesce(i."endedAt", now()) > ${range.start}
    GROUP BY i."userId"`;
  const dispositions = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT c."agentId" AS user_id, coalesce(c."disposition", 'none') AS disposition, count(*) AS n
    FROM "Call" c
    WHERE c."agentId" IS NOT NULL AND c."outcome" = 'answered' AND ${periodFilter(range, queueId)}
    GROUP BY 1, 2`;
  const signedIn = new Map(presence.map((p) => [String(p.user_id), num(p.seconds)]));
  const byAgent = new Map<string, Record<string, number>>();
  for (const d of dispositions) {
    const entry = byAgent.get(String(d.user_id)) ?? {};
    entry[String(d.disposition)] = num(d.n);
    byAgent.set(String(d.user_id), entry);
  }
  return calls.map((r) => {
    const userId = String(r.user_id);
    const handled = num(r.handled);
    const handleSeconds = num(r.handle_seconds);
    const signedInSeconds = signedIn.get(userId) ?? 0;
    return {
      userId,
      name: String(r.name),
      handled,
      inbound: num(r.inbound),
      outbound: num(r.outbound),
      averageHandle: handled > 0 ? handleSeconds / handled : null,
      handleSeconds,
      signedInSeconds,
      occupancy: signedInSeconds > 0 ? Math.min(1, handleSeconds / signedInSeconds) : null,
      dispositions: byAgent.get(userId) ?? {},
    };
  });
}

export async function getReport(range: ResolvedRange, queueId?: string): Promise<Report> {
  // Sequential on purpose: the embedded database serves one query at a time anyway.
  const t = await totals(range, queueId);
  const byHour = await volume(range, queueId, "hour");
  const byDay = await volume(range, queueId, "day");
  const q = await queues(range, queueId);
  const a = await agents(range, queueId);
  return { range, totals: t, byHour, byDay, queues: q, agents: a };
}
