/**
 * What the benchmarks that drive the production build share: a throwaway, migrated and seeded
 * database on the local Postgres, and `next start` over it in sandbox mode with known sandbox
 * credentials (so the bench can sign webhooks). Everything started here is stopped by `stop()`.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BUSINESS_NUMBER, type SandboxCredentials } from "@/lib/sandbox/core/credentials";
import { createPrismaClient } from "@/lib/server/db/create-client";
import { seedReference } from "@/prisma/seed/reference";

export type BenchDb = ReturnType<typeof createPrismaClient>;

export function randomCredentials(): SandboxCredentials {
  return {
    accountSid: `AC${randomBytes(16).toString("hex")}`,
    authToken: randomBytes(16).toString("hex"),
    apiKeySid: `SK${randomBytes(16).toString("hex")}`,
    apiKeySecret: randomBytes(24).toString("hex"),
    phoneNumber: BUSINESS_NUMBER,
  };
}

/** Runs `next build` unless a production build exists. */
export function ensureBuild() {
  if (fs.existsSync(".next/BUILD_ID")) return;
  console.log("No production build; running `next build`…");
  execFileSync(path.resolve("node_modules/.bin/next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * Drops and recreates the database at `url` (local Postgres only), migrates it, seeds the
 * reference data and lets `prepare` add what the bench needs; returns what `prepare` returns.
 */
export async function recreateDatabase<T>(url: URL, prepare: (db: BenchDb) => Promise<T>): Promise<T> {
  if (!["127.0.0.1", "localhost"].includes(url.hostname)) throw new Error("The benchmark only runs against a local Postgres (it drops its database).");
  const name = url.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "ignore" });
  const db = createPrismaClient(url.toString(), { poolSize: 2 });
  try {
    await seedReference(db, "bench-password-0");
    return await prepare(db);
  } finally {
    await db.$disconnect();
  }
}

export interface ProductionApp {
  base: string;
  stop(): void;
}

/** `next start` on `port` over `databaseUrl`, with the sandbox's credentials fixed; resolves once healthy. */
export async function startProductionApp(options: { port: number; databaseUrl: URL; credentials: SandboxCredentials; authSecret: string }): Promise<ProductionApp> {
  const base = `http://127.0.0.1:${options.port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  fs.mkdirSync(path.join(dataDir, "sandbox"));
  fs.writeFileSync(path.join(dataDir, "sandbox", "credentials.json"), JSON.stringify(options.credentials));
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(options.port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl.toString(),
      DATABASE_POOL_SIZE: "10",
      AUTH_SECRET: options.authSecret,
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: base,
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = () => {
    child.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
      if (i >= 240) throw new Error("the app did not come up");
      const healthy = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (healthy) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { base, stop };
}
