import "server-only";
import { db } from "@/lib/server/db";

/** Reads one JSON setting, falling back when it is missing or of the wrong type. */
export async function getSetting<T extends string | number | boolean>(key: string, fallback: T): Promise<T> {
  const row = await db.setting.findUnique({ where: { key } });
  return row && typeof row.value === typeof fallback ? (row.value as T) : fallback;
}

export async function getBusinessTimezone(): Promise<string> {
  return getSetting("business.timezone", "UTC");
}
