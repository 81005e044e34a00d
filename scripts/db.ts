/**
 * Database tasks that work in both modes: against DATABASE_URL when set, otherwise against the
 * embedded database (reusing a running one, or starting it for the duration of the task).
 *
 *   npm run db:migrate            apply committed migrations
 *   npm run db:seed               seed an empty database with demo data
 *   npm run db:reset              drop everything, migrate, seed
 *   npm run db:studio             open Prisma Studio
 *   npm run db:diff -- <name>     write a new migration from changes to prisma/schema.prisma
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { EnvError, parseEnv } from "@/lib/env";
import { seedDatabase } from "@/prisma/seed";
import { loadDotEnv } from "./lib/dotenv";
import { startEmbeddedDb } from "./lib/embedded-db";
import { run } from "./lib/processes";

const prisma = path.resolve("node_modules/.bin/prisma");

async function resetSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql from the schema changes since the last commit. */
function diff(url: string, name: string) {
  const previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  const tmp = path.resolve(".data/previous-schema.prisma");
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  fs.writeFileSync(tmp, previous);
  const sql = execFileSync(
    prisma,
    ["migrate", "diff", "--from-schema-datamodel", tmp, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log("No schema changes since HEAD.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.resolve("prisma/migrations", `${stamp}_${name.replace(/\W+/g, "_")}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql.trimStart());
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

async function main() {
  const [task, ...rest] = process.argv.slice(2);
  loadDotEnv();
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedDb({ dataDir: config.DATA_DIR, port: config.EMBEDDED_DB_PORT, supervised: false });
  const url = config.DATABASE_URL ?? embedded!.url;
  const env = { ...process.env, DATABASE_URL: url };
  try {
    switch (task) {
      case "migrate":
        await run(prisma, ["migrate", "deploy"], { env });
        break;
      case "seed": {
        const result = await seedDatabase(url, config.DEMO_PASSWORD);
        if (result === "skipped") console.log("The database already has users; nothing seeded (npm run db:reset starts over).");
        break;
      }
      case "reset":
        await resetSchema(url);
        await run(prisma, ["migrate", "deploy"], { env });
        await seedDatabase(url, config.DEMO_PASSWORD);
        break;
      case "studio":
        await run(prisma, ["studio", ...rest], { env });
        break;
      case "diff":
        diff(url, rest[0] ?? "change");
        break;
      default:
        console.error("usage: tsx scripts/db.ts migrate|seed|reset|studio|diff <name>");
        process.exitCode = 2;
    }
  } finally {
    embedded?.child?.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
