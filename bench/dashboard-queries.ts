/**
 * Call-log and report query times on a database with one million generated calls.
 *
 *   npm run bench:dashboard            (both parts; this file is the query part, alone: bench:dashboard:queries;
 *                                       the SSE part is bench/dashboard-sse.ts)
 *
 * Uses the machine's Postgres (BENCH_DATABASE_URL, default a local `switchboard_bench` database
 * that is dropped and recreated — local hosts only) and the app's own query services.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { table, timeIt } from "./lib/stats";

const url = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchboard_bench");
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

async function admin(sql: string) {
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function prepare() {
  if (!["127.0.0.1", "localhost"].includes(url.hostname)) throw new Error("The benchmark recreates its database: local hosts only.");
  const name = url.pathname.slice(1);
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "ignore" });
  const { seedDatabase } = await import("@/prisma/seed");
  await seedDatabase(url.toString(), "bench-password");

  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const t0 = performance.now();
  // A year of calls: 1 in 10 outbound; inbound spread over the four queues, 85% answered.
  await client.query(`
    WITH q AS (SELECT array_agg(id ORDER BY key) AS ids FROM "Queue"),
         u AS (SELECT array_agg(id ORDER BY username) AS ids FROM "User" WHERE role IN ('AGENT','SUPERVISOR')),
         c AS (SELECT array_agg(id ORDER BY name) AS ids FROM "Contact")
    INSERT INTO "Call" ("id","callSid","direction","from","to","status","statusSequence","contactId","queueId","agentId",
                        "ivrPath","outcome","disposition","startedAt","enqueuedAt","answeredAt","endedAt","queueSeconds",
                        "durationSeconds","createdAt","updatedAt")
    SELECT 'bench' || g,
           'CA' || md5('bench' || g),
           CASE WHEN g % 10 = 0 THEN 'outbound-dial' ELSE 'inbound' END,
           CASE WHEN g % 10 = 0 THEN '+12025550100' ELSE '+1' || (2020000000 + (g * 7919) % 7999999999)::text END,
           CASE WHEN g % 10 = 0 THEN '+1' || (3120000000 + (g * 104729) % 999999)::text ELSE '+12025550100' END,
           'completed', 3,
           CASE WHEN g % 5 = 0 THEN c.ids[1 + g % array_length(c.ids, 1)] END,
           CASE WHEN g % 10 <> 0 THEN q.ids[1 + g % 4] END,
           CASE WHEN g % 10 = 0 OR g % 7 <> 0 THEN u.ids[1 + g % array_length(u.ids, 1)] END,
           ARRAY[(1 + g % 3)::text],
           CASE WHEN g % 10 = 0 THEN 'answered' WHEN g % 7 = 0 THEN 'abandoned' ELSE 'answered' END,
           CASE WHEN g % 3 = 0 THEN 'resolved' END,
           now() - (g * (31536000.0 / ${CALLS})) * interval '1 second',
           now() - (g * (31536000.0 / ${CALLS})) * interval '1 second',
           now() - (g * (31536000.0 / ${CALLS}) - (g % 90)) * interval '1 second',
           now() - (g * (31536000.0 / ${CALLS}) - (g % 90) - 60 - g % 600) * interval '1 second',
           g % 90, 60 + g % 690,
           now(), now()
    FROM generate_series(1::bigint, ${CALLS}::bigint) g, q, u, c`);
  await client.query(`ANALYZE`);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Call"`);
  await client.end();
  console.log(`Generated ${rows[0].n.toLocaleString()} calls in ${seconds} s.`);
}

async function main() {
  await prepare();
  process.env.DATABASE_URL = url.toString();
  process.env.LOG_LEVEL = "silent";
  const { searchCalls } = await import("@/lib/server/calls/search-calls");
  const { getReport } = await import("@/lib/server/reports/get-report");
  const { resolveRange } = await import("@/lib/server/reports/date-range");
  const { callLogFiltersSchema } = await import("@/lib/validations/call-log");
  const tz = "America/New_York";
  const f = (input: Record<string, unknown>) => callLogFiltersSchema.parse(input);

  // A cursor 100 pages deep, to show keyset paging does not slow down with depth.
  let deep: string | undefined;
  for (let i = 0; i < 100; i++) deep = (await searchCalls(f({ cursor: deep }), tz)).nextCursor ?? undefined;
  const oneNumber = (await searchCalls(f({ direction: "inbound" }), tz)).rows[0]!.from;

  const cases: [string, () => Promise<unknown>][] = [
    ["call log, first page (50)", () => searchCalls(f({}), tz)],
    ["call log, page 101 (keyset)", () => searchCalls(f({ cursor: deep }), tz)],
    ["call log, queue + outcome filter", () => searchCalls(f({ queue: "support", outcome: "abandoned" }), tz)],
    ["call log, last 7 days + direction", () => searchCalls(f({ from: resolveRange({}, tz).fromDate, direction: "outbound" }), tz)],
    ["call log, search full phone number", () => searchCalls(f({ q: oneNumber }), tz)],
    ["call log, search contact name", () => searchCalls(f({ q: "garcia" }), tz)],
    ["report, today", () => getReport(resolveRange({}, tz, 1))],
    ["report, last 7 days", () => getReport(resolveRange({}, tz, 7))],
    ["report, last 30 days", () => getReport(resolveRange({}, tz, 30))],
  ];
  const rows: (string | number)[][] = [["query", "p50 ms", "p95 ms", "max ms"]];
  for (const [name, fn] of cases) {
    const r = await timeIt(RUNS, fn);
    rows.push([name, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1)]);
  }
  console.log(`\nQuery times on ${CALLS.toLocaleString()} calls (${RUNS} runs each, after one warm-up):\n`);
  console.log(table(rows));
  const { db } = await import("@/lib/server/db");
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
