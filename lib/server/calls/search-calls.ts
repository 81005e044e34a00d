import "server-only";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { resolveRange } from "@/lib/server/reports/date-range";
import type { CallLogFilters } from "@/lib/validations/call-log";

export interface CallLogRow {
  id: string;
  callSid: string;
  direction: string;
  from: string;
  to: string;
  status: string;
  outcome: string | null;
  disposition: string | null;
  startedAt: Date;
  durationSeconds: number | null;
  queueSeconds: number | null;
  contactName: string | null;
  queueName: string | null;
  agentName: string | null;
  hasRecording: boolean;
}

const OUTBOUND = ["outbound-api", "outbound-dial"];

interface Cursor {
  startedAt: Date;
  id: string;
}

export function encodeCursor(row: { startedAt: Date; id: string }): string {
  return Buffer.from(`${row.startedAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(raw: string): Cursor {
  const [iso, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const startedAt = new Date(iso ?? "");
  if (!id || Number.isNaN(startedAt.getTime())) throw new AppError("bad_request", "That page link is no longer valid.");
  return { startedAt, id };
}

/**
 * Search text → conditions: a full phone number matches exactly (indexed), a run of 4+ digits
 * matches inside numbers, anything else matches contact names.
 */
/** A whole phone number in any notation → E.164, or null when the text is not one. */
export function toE164(q: string): string | null {
  const phone = parsePhoneNumberFromString(q, "US");
  if (phone?.isValid()) return phone.number;
  // Numbers the metadata does not know (new ranges, test numbers) still match exactly when
  // written in international form.
  const compact = q.replace(/[\s().-]/g, "");
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : null;
}

async function searchCondition(q: string): Promise<Prisma.CallWhereInput> {
  const e164 = toE164(q);
  if (e164) return { OR: [{ from: e164 }, { to: e164 }, { from: `whatsapp:${e164}` }] };
  const digits = q.replace(/\D/g, "");
  const conditions: Prisma.CallWhereInput[] = [];
  if (digits.length >= 4 && digits.length === q.replace(/[\s()+.-]/g, "").length) {
    conditions.push({ from: { contains: digits } }, { to: { contains: digits } });
  }
  const contacts = await db.contact.findMany({
    where: { name: { contains: q, mode: "insensitive" } },
    select: { id: true },
    take: 200,
  });
  if (contacts.length > 0) conditions.push({ contactId: { in: contacts.map((c) => c.id) } });
  return conditions.length > 0 ? { OR: conditions } : { id: "__no_match__" };
}

export async function buildCallWhere(filters: CallLogFilters, timeZone: string): Promise<Prisma.CallWhereInput> {
  const and: Prisma.CallWhereInput[] = [];
  if (filters.from || filters.to) {
    const range = resolveRange({ from: filters.from, to: filters.to }, timeZone, 3650);
    and.push({ startedAt: { gte: range.start, lt: range.end } });
  }
  if (filters.queue) {
    const queue = await db.queue.findFirst({ where: { OR: [{ id: filters.queue }, { key: filters.queue }] }, select: { id: true } });
    and.push({ queueId: queue?.id ?? "__no_queue__" });
  }
  if (filters.agent) and.push({ agentId: filters.agent });
  if (filters.direction === "inbound") and.push({ direction: "inbound" });
  if (filters.direction === "outbound") and.push({ direction: { in: OUTBOUND } });
  if (filters.outcome) and.push({ outcome: filters.outcome });
  if (filters.q) and.push(await searchCondition(filters.q));
  return and.length > 0 ? { AND: and } : {};
}

/** One page of the call log, newest first, with a keyset cursor for the next page. */
export async function searchCalls(
  filters: CallLogFilters,
  timeZone: string,
): Promise<{ rows: CallLogRow[]; nextCursor: string | null }> {
  const where = await buildCallWhere(filters, timeZone);
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const page = cursor
    ? {
        AND: [
          where,
          { OR: [{ startedAt: { lt: cursor.startedAt } }, { startedAt: cursor.startedAt, id: { lt: cursor.id } }] },
        ],
      }
    : where;
  const rows = await db.call.findMany({
    where: page,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: filters.limit + 1,
    select: {
      id: true, callSid: true, direction: true, from: true, to: true, status: true, outcome: true, disposition: true,
      startedAt: true, durationSeconds: true, queueSeconds: true,
      contact: { select: { name: true } }, queue: { select: { name: true } }, agent: { select: { name: true } },
      _count: { select: { recordings: true } },
    },
  });
  const hasMore = rows.length > filters.limit;
  const pageRows = hasMore ? rows.slice(0, filters.limit) : rows;
  return {
    rows: pageRows.map((r) => ({
      id: r.id, callSid: r.callSid, direction: r.direction, from: r.from, to: r.to, status: r.status,
      outcome: r.outcome, disposition: r.disposition, startedAt: r.startedAt, durationSeconds: r.durationSeconds,
      queueSeconds: r.queueSeconds, contactName: r.contact?.name ?? null, queueName: r.queue?.name ?? null,
      agentName: r.agent?.name ?? null, hasRecording: r._count.recordings > 0,
    })),
    nextCursor: hasMore ? encodeCursor(pageRows[pageRows.length - 1]!) : null,
  };
}
