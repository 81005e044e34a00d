/**
 * Is the business open at an instant? Weekly hours and holidays are wall-clock values in the
 * business time zone (BusinessHours.timezone), so DST changes need no special cases.
 */
import { parseClock, zonedDateKey, zonedParts } from "@/lib/time";

export interface HoursRow {
  dayOfWeek: number;
  opensAt: string;
  closesAt: string;
  timezone: string;
}

export type OpenState = { open: true } | { open: false; reason: "holiday" | "closed"; holidayName?: string };

export function openStateAt(
  at: Date,
  hours: HoursRow[],
  holidays: { date: Date; name: string }[],
  fallbackTimezone: string,
): OpenState {
  const timezone = hours[0]?.timezone ?? fallbackTimezone;
  // Holiday.date is a calendar date (@db.Date): compare its UTC day with the local day.
  const today = zonedDateKey(at, timezone);
  const holiday = holidays.find((h) => h.date.toISOString().slice(0, 10) === today);
  if (holiday) return { open: false, reason: "holiday", holidayName: holiday.name };
  const local = zonedParts(at, timezone);
  const minute = local.hour * 60 + local.minute;
  const open = hours.some((h) => {
    if (h.dayOfWeek !== local.weekday) return false;
    const opens = parseClock(h.opensAt);
    const closes = h.closesAt === "24:00" ? 24 * 60 : parseClock(h.closesAt);
    return minute >= opens && minute < closes;
  });
  return open ? { open: true } : { open: false, reason: "closed" };
}
