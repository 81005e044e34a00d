/**
 * Creates a fresh test database on the machine's Postgres and applies the committed migrations.
 * Refuses any database that is not on this machine: tests drop and recreate it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/switchboard_test";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const url = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_URL);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to run integration tests against a non-local database (${url.hostname}).`);
  }
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]*test[a-z0-9_]*$/.test(name)) {
    throw new Error(`The test database name must contain "test" (got "${name}"): it is dropped and recreated.`);
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();

  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("databaseUrl", url.toString());
}
