import "server-only";
import { zonedDateKey, zonedTimeToUtc } from "@/lib/time";

export interface ResolvedRange {
  /** Inclusive start instant (local midnight of `fromDate`). */
  start: Date;
  /** Exclusive end instant (local midnight after `toDate`). */
  end: Date;
  fromDate: string;
  toDate: string;
  timeZone: string;
  days: number;
}

function midnight(dateKey: string, timeZone: string): Date {
  const [y, m, d] = dateKey.split("-").map(Number) as [number, number, number];
  return zonedTimeToUtc(y, m, d, 0, 0, timeZone);
}

function addDays(dateKey: string, days: number): string {
  const t = new Date(`${dateKey}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/**
 * Turns optional calendar dates (business time zone) into instants. Defaults: the last
 * `defaultDays` days including today.
 */
export function resolveRange(
  input: { from?: string; to?: string },
  timeZone: string,
  defaultDays = 7,
  now = new Date(),
): ResolvedRange {
  const today = zonedDateKey(now, timeZone);
  const toDate = input.to ?? today;
  const fromDate = input.from ?? addDays(toDate, -(defaultDays - 1));
  const start = midnight(fromDate, timeZone);
  const end = midnight(addDays(toDate, 1), timeZone);
  const days = Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000) + 1;
  return { start, end, fromDate, toDate, timeZone, days };
}

export { addDays as addDaysToDateKey };
