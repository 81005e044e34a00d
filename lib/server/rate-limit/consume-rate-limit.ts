import "server-only";
import { db } from "@/lib/server/db";

export interface RateLimitState {
  count: number;
  windowEndsAt: Date;
}

/**
 * Fixed-window counter in Postgres, so the limit holds across app instances. One atomic upsert:
 * a new or expired window restarts at 1, otherwise the count goes up by one.
 */
export async function consumeRateLimit(key: string, windowMs: number): Promise<RateLimitState> {
  const rows = await db.$queryRaw<{ count: number; windowEndsAt: Date }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowEndsAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowEndsAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowEndsAt" = CASE WHEN "RateLimit"."windowEndsAt" <= now()
        THEN now() + make_interval(secs => ${windowMs / 1000}) ELSE "RateLimit"."windowEndsAt" END
    RETURNING "count", "windowEndsAt"`;
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  return { count: Number(row.count), windowEndsAt: new Date(row.windowEndsAt) };
}

/** Current state of a window without consuming it; null when there is no live window. */
export async function peekRateLimit(key: string): Promise<RateLimitState | null> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.windowEndsAt <= new Date()) return null;
  return { count: row.count, windowEndsAt: row.windowEndsAt };
}

export async function resetRateLimit(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
