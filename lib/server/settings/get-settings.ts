import "server-only";
import { db } from "@/lib/server/db";

export interface AppSettings {
  businessName: string;
  timezone: string;
  greeting: string;
  language: string;
  recordInbound: boolean;
  recordOutbound: boolean;
  wrapUpSeconds: number;
  slaThresholdSeconds: number;
  retentionDays: number;
}

const DEFAULTS: AppSettings = {
  businessName: "Switchboard",
  timezone: "UTC",
  greeting: "Thank you for calling.",
  language: "en-US",
  recordInbound: true,
  recordOutbound: true,
  wrapUpSeconds: 60,
  slaThresholdSeconds: 20,
  retentionDays: 365,
};

/** Setting keys as stored in the database. */
export const SETTING_KEYS: Record<keyof AppSettings, string> = {
  businessName: "business.name",
  timezone: "business.timezone",
  greeting: "ivr.greeting",
  language: "ivr.language",
  recordInbound: "recording.inbound",
  recordOutbound: "recording.outbound",
  wrapUpSeconds: "wrapup.timeoutSeconds",
  slaThresholdSeconds: "sla.thresholdSeconds",
  retentionDays: "retention.days",
};

/** All settings in one read, typed, with defaults for anything missing or malformed. */
export async function getSettings(): Promise<AppSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out = { ...DEFAULTS };
  for (const [field, key] of Object.entries(SETTING_KEYS) as [keyof AppSettings, string][]) {
    const value = byKey.get(key);
    if (value !== undefined && typeof value === typeof DEFAULTS[field]) (out as Record<string, unknown>)[field] = value;
  }
  return out;
}
