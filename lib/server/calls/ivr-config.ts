import "server-only";
/**
 * The phone line's configuration from the database (IvrOption, BusinessHours, Holiday, Setting),
 * cached for a few seconds per instance: every inbound call reads it, admins rarely change it.
 */
import { db } from "@/lib/server/db";
import type { IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import type { HoursRow } from "./business-hours";

export interface IvrOptionConfig {
  digit: string;
  label: string;
  keywords: string[];
  action: "QUEUE" | "VOICEMAIL" | "CALLBACK";
  queue: { id: string; key: string; name: string; priority: number } | null;
}

export interface IvrConfig {
  businessName: string;
  greeting: string;
  language: IvrLanguage;
  timezone: string;
  options: IvrOptionConfig[];
  defaultQueue: { id: string; key: string; name: string; priority: number };
  hours: HoursRow[];
  holidays: { date: Date; name: string }[];
  recordInbound: boolean;
  recordOutbound: boolean;
  wrapupTimeoutSeconds: number;
  holdMusicUrl: string | null;
}

const CACHE_MS = 5_000;
let cache: { at: number; value: IvrConfig } | null = null;

export function clearIvrConfigCache(): void {
  cache = null;
}

function setting<T>(rows: { key: string; value: unknown }[], key: string, fallback: T): T {
  const row = rows.find((r) => r.key === key);
  return row && typeof row.value === typeof fallback ? (row.value as T) : fallback;
}

export async function loadIvrConfig(): Promise<IvrConfig> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.value;
  // Sequential on purpose: the embedded database serves one session, and parallel queries over
  // several pooled connections have failed there ("portal does not exist").
  const options = await db.ivrOption.findMany({ orderBy: [{ position: "asc" }, { digit: "asc" }], include: { queue: true } });
  const queues = await db.queue.findMany({ orderBy: { priority: "desc" } });
  const hours = await db.businessHours.findMany();
  const holidays = await db.holiday.findMany();
  const settings = await db.setting.findMany();
  const defaultQueue = queues.find((q) => q.isDefault) ?? queues[queues.length - 1];
  if (!defaultQueue) throw new Error("No queues are configured: the IVR has nowhere to send callers.");
  const pick = (q: { id: string; key: string; name: string; priority: number }) => ({ id: q.id, key: q.key, name: q.name, priority: q.priority });
  const value: IvrConfig = {
    businessName: setting(settings, "business.name", "our company"),
    greeting: setting(settings, "ivr.greeting", "Thank you for calling."),
    language: setting(settings, "ivr.language", "en-US").toLowerCase().startsWith("es") ? "es" : "en",
    timezone: setting(settings, "business.timezone", "UTC"),
    options: options.map((o) => ({
      digit: o.digit,
      label: o.label,
      keywords: o.keywords,
      action: o.action,
      queue: o.queue ? pick(o.queue) : null,
    })),
    defaultQueue: pick(defaultQueue),
    hours: hours.map((h) => ({ dayOfWeek: h.dayOfWeek, opensAt: h.opensAt, closesAt: h.closesAt, timezone: h.timezone })),
    holidays: holidays.map((h) => ({ date: h.date, name: h.name })),
    recordInbound: setting(settings, "recording.inbound", true),
    recordOutbound: setting(settings, "recording.outbound", true),
    wrapupTimeoutSeconds: setting(settings, "wrapup.timeoutSeconds", 60),
    holdMusicUrl: setting<string | null>(settings, "ivr.holdMusicUrl", null),
  };
  cache = { at: Date.now(), value };
  return value;
}
