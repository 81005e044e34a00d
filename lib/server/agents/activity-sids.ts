import "server-only";
/** TaskRouter activity SIDs by name (Available, Busy, Break, Wrap-up, Offline), as provisioned. */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";

export type ActivityName = "Available" | "Busy" | "Break" | "Wrap-up" | "Offline";

const CACHE_MS = 30_000;
let cache: { at: number; byName: Map<string, string>; byId: Map<string, string> } | null = null;

async function load() {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache;
  const rows = await db.activity.findMany({ where: { sid: { not: null } }, select: { name: true, sid: true } });
  cache = { at: Date.now(), byName: new Map(rows.map((r) => [r.name, r.sid!])), byId: new Map(rows.map((r) => [r.sid!, r.name])) };
  return cache;
}

export function clearActivityCache(): void {
  cache = null;
}

export async function activitySid(name: ActivityName): Promise<string> {
  const sid = (await load()).byName.get(name);
  if (!sid) throw new AppError("unavailable", `The "${name}" activity is not provisioned. Run \`npm run twilio:provision\`.`);
  return sid;
}
