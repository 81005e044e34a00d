import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { createPrismaClient } from "@/lib/server/db/create-client";
import { seedDatabase } from "@/prisma/seed";

const base = new URL(inject("databaseUrl"));
// A second database beside the shared test database (same name + "_seed"), so parallel runs
// with different TEST_DATABASE_URLs never collide.
const seedDbName = `${base.pathname.slice(1)}_seed`;
const seedUrl = new URL(base);
seedUrl.pathname = `/${seedDbName}`;

async function admin(sql: string) {
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe("seedDatabase", () => {
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${seedDbName}" WITH (FORCE)`));

  it("fills an empty database with demo users and two weeks of history, once", async () => {
    await admin(`DROP DATABASE IF EXISTS "${seedDbName}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${seedDbName}"`);
    execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: seedUrl.toString() },
      stdio: "ignore",
    });

    expect(await seedDatabase(seedUrl.toString(), "demo-password-1")).toBe("seeded");
    const db = createPrismaClient(seedUrl.toString(), { poolSize: 2 });
    try {
      const users = await db.user.findMany({ orderBy: { username: "asc" } });
      expect(users.map((u) => [u.username, u.role])).toEqual([
        ["ada", "ADMIN"],
        ["alice", "AGENT"],
        ["bob", "AGENT"],
        ["sam", "SUPERVISOR"],
      ]);
      expect(users.find((u) => u.username === "alice")?.languages).toEqual(["en", "es"]);
      expect((await db.queue.findMany()).map((q) => q.key).sort()).toEqual(["general", "inspections", "sales", "support"]);

      const oldest = await db.call.findFirst({ orderBy: { startedAt: "asc" } });
      const days = (Date.now() - oldest!.startedAt.getTime()) / 86400_000;
      expect(days).toBeGreaterThan(12);
      expect(await db.call.count({ where: { outcome: "answered" } })).toBeGreaterThan(200);
      expect(await db.call.count({ where: { outcome: "abandoned" } })).toBeGreaterThan(5);
      expect(await db.voicemail.count()).toBeGreaterThan(5);
      expect(await db.task.count()).toBeGreaterThan(100);
      expect(await db.message.count()).toBeGreaterThan(5);
      expect(await db.inspection.count()).toBe(3);
      // Every answered queue call has a task whose accepted reservation belongs to its agent.
      const sample = await db.call.findFirst({ where: { outcome: "answered", taskSid: { not: null } } });
      const task = await db.task.findUnique({ where: { taskSid: sample!.taskSid! }, include: { reservations: true } });
      expect(task?.agentId).toBe(sample!.agentId);
      expect(task?.reservations.some((r) => r.status === "completed" && r.userId === sample!.agentId)).toBe(true);
    } finally {
      await db.$disconnect();
    }

    expect(await seedDatabase(seedUrl.toString(), "demo-password-1")).toBe("skipped");
  });
});
