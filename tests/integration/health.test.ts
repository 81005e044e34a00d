import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/create-client";
import { db } from "@/lib/server/db";
import { clearTwilioSidCache, SID_SETTING_KEYS } from "@/lib/server/twilio/config";
import { startPgliteServer } from "@/scripts/lib/pglite-server";

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

describe("GET /api/health", () => {
  it("reports ok with the database up", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", db: "up", mode: "sandbox" });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("says whether telephony is provisioned (workspace, workflow and TwiML App SIDs known)", async () => {
    const keys = Object.values(SID_SETTING_KEYS);
    const saved = await db.setting.findMany({ where: { key: { in: keys } } });
    try {
      for (const key of keys) await db.setting.upsert({ where: { key }, create: { key, value: "XX123" }, update: { value: "XX123" } });
      clearTwilioSidCache();
      expect(await (await GET()).json()).toMatchObject({ telephony: "provisioned" });
      await db.setting.delete({ where: { key: SID_SETTING_KEYS.workflowSid } });
      clearTwilioSidCache();
      const res = await GET();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", telephony: "unprovisioned" });
    } finally {
      await db.setting.deleteMany({ where: { key: { in: keys } } });
      for (const row of saved) await db.setting.create({ data: { key: row.key, value: row.value as string } });
      clearTwilioSidCache();
    }
  });

  describe("when the database goes away", () => {
    const original = globalForDb.switchboardDb;
    afterAll(() => {
      globalForDb.switchboardDb = original;
    });

    it("answers 503 with db down", async () => {
      // A real database server the test can stop: PGlite over the Postgres protocol.
      const port = 54000 + Math.floor(Math.random() * 900);
      const server = await startPgliteServer({ dataDir: "memory://", port });
      globalForDb.switchboardDb = createPrismaClient(`postgresql://postgres@127.0.0.1:${port}/postgres`, {
        poolSize: 1,
        connectTimeoutMs: 1000,
      });

      const up = await GET();
      expect(up.status).toBe(200);

      await server.close();

      const down = await GET();
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "degraded", db: "down", telephony: "unknown" });
      await globalForDb.switchboardDb.$disconnect().catch(() => {});
    });
  });
});
