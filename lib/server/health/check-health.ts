import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db";
import { isTelephonyProvisioned } from "@/lib/server/twilio/config";
import pkg from "@/package.json";

export interface Health {
  status: "ok" | "degraded";
  mode: "twilio" | "sandbox";
  db: "up" | "down";
  /** Whether the TaskRouter workspace, workflow and TwiML App exist (`npm run twilio:provision`). */
  telephony: "provisioned" | "unprovisioned" | "unknown";
  version: string;
}

const DB_TIMEOUT_MS = 2_000;

async function databaseIsUp(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database health check timed out")), DB_TIMEOUT_MS);
    });
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const dbUp = await databaseIsUp();
  const provisioned = dbUp ? await isTelephonyProvisioned().catch(() => null) : null;
  const telephony = provisioned === null ? "unknown" : provisioned ? "provisioned" : "unprovisioned";
  return { status: dbUp ? "ok" : "degraded", mode: env.mode, db: dbUp ? "up" : "down", telephony, version: pkg.version };
}
