/**
 * npm run bench:webhooks — inbound-call webhook throughput and latency.
 *
 * Runs the production build (`next start`) against the machine's Postgres (a throwaway
 * `switchboard_bench` database, migrated and seeded with the reference data), and fires correctly
 * signed `/api/twilio/voice/incoming` webhooks, each with a unique CallSid, at a fixed rate with
 * autocannon. Next to it, a bare `node:http` floor does the same signature check and renders the
 * same kind of IVR TwiML with no framework and no database, so the numbers say what the app adds.
 *
 *   BENCH_RATE=200 BENCH_SECONDS=15 BENCH_CONNECTIONS=20 npm run bench:webhooks
 *
 * Builds first when there is no .next/BUILD_ID. Everything it starts, it stops.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import twilio from "twilio";
import { createPrismaClient } from "@/lib/server/db/create-client";
import { seedReference } from "@/prisma/seed/reference";

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const APP_PORT = Number(process.env.BENCH_PORT ?? 3010);
const DB_URL = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchboard_bench");
const AUTH_TOKEN = randomBytes(16).toString("hex");
const ACCOUNT_SID = `AC${randomBytes(16).toString("hex")}`;
const CREDENTIALS = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeySid: `SK${randomBytes(16).toString("hex")}`, apiKeySecret: randomBytes(24).toString("hex"), phoneNumber: "+12025550100" };
const PATH = "/api/twilio/voice/incoming";

async function prepareDatabase(): Promise<string> {
  if (!["127.0.0.1", "localhost"].includes(DB_URL.hostname)) throw new Error("The benchmark only runs against a local Postgres (it drops its database).");
  const name = DB_URL.pathname.slice(1);
  const admin = new URL(DB_URL);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: DB_URL.toString() }, stdio: "ignore" });
  const db = createPrismaClient(DB_URL.toString(), { poolSize: 2 });
  await seedReference(db, "bench-password-0");
  for (const [key, value] of [["twilio.workspaceSid", `WS${"0".repeat(32)}`], ["twilio.workflowSid", `WW${"0".repeat(32)}`], ["twilio.twimlAppSid", `AP${"0".repeat(32)}`]]) {
    await db.setting.create({ data: { key: key!, value: value! } });
  }
  await db.$disconnect();
  return DB_URL.toString();
}

function startApp(databaseUrl: string, dataDir: string): ChildProcess {
  return spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(APP_PORT)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "10",
      AUTH_SECRET: randomBytes(24).toString("hex"),
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: `http://127.0.0.1:${APP_PORT}`,
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

async function waitForHealth(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/** The floor: signature check + IVR TwiML render on bare node:http. */
function startFloor(publicBase: () => string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      const ok = twilio.validateRequest(AUTH_TOKEN, String(req.headers["x-twilio-signature"] ?? ""), `${publicBase()}${req.url}`, params);
      if (!ok) {
        res.writeHead(403).end();
        return;
      }
      const response = new twilio.twiml.VoiceResponse();
      const gather = response.gather({ input: ["dtmf", "speech"], numDigits: 1, action: `${publicBase()}/api/twilio/voice/gather?step=menu&attempt=1&lang=en`, actionOnEmptyResult: true });
      gather.say({ voice: "alice", language: "en-US" }, "Thank you for calling.");
      for (const [d, l] of [["1", "sales"], ["2", "support"], ["3", "inspections"], ["4", "a voicemail"], ["5", "a callback"]]) gather.say({ voice: "alice", language: "en-US" }, `For ${l}, press ${d}.`);
      res.writeHead(200, { "Content-Type": "text/xml" }).end(response.toString());
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function signedRequests(base: string) {
  return [
    {
      method: "POST" as const,
      path: PATH,
      setupRequest: (request: { headers?: Record<string, string>; body?: string }) => {
        const params = {
          AccountSid: ACCOUNT_SID, ApiVersion: "2010-04-01", CallSid: `CA${randomBytes(16).toString("hex")}`, CallStatus: "ringing",
          Direction: "inbound", From: "+12025550111", To: "+12025550100", Caller: "+12025550111", Called: "+12025550100",
        };
        request.body = new URLSearchParams(params).toString();
        request.headers = {
          "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${base}${PATH}`, params),
          "i-twilio-idempotency-token": randomUUID(),
        };
        return request;
      },
    },
  ];
}

interface Row { target: string; mode: string; rps: number; p50: number; p99: number; non2xx: number; errors: number }

async function run(target: string, url: string, rate: number | undefined): Promise<Row> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...(rate ? { overallRate: rate } : {}), requests: signedRequests(url) as never });
  return { target, mode: rate ? `${rate} req/s fixed` : "max", rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("No production build; running `next build`…");
    execFileSync(path.resolve("node_modules/.bin/next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  console.log("Preparing the benchmark database…");
  const databaseUrl = await prepareDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  fs.mkdirSync(path.join(dataDir, "sandbox"));
  fs.writeFileSync(path.join(dataDir, "sandbox", "credentials.json"), JSON.stringify(CREDENTIALS));

  const app = startApp(databaseUrl, dataDir);
  let floor: http.Server | null = null;
  const rows: Row[] = [];
  try {
    const appBase = `http://127.0.0.1:${APP_PORT}`;
    await waitForHealth(`${appBase}/api/health`);
    let floorBase = "";
    floor = await startFloor(() => floorBase);
    floorBase = `http://127.0.0.1:${(floor.address() as { port: number }).port}`;

    // Warm-up (JIT, connection pool, route compilation), not reported.
    await autocannon({ url: appBase, connections: 5, amount: 200, requests: signedRequests(appBase) as never });
    for (const [target, base] of [["node:http floor", floorBase], ["Switchboard (next start)", appBase]] as const) {
      rows.push(await run(target, base, RATE));
      rows.push(await run(target, base, undefined));
    }
    const db = createPrismaClient(databaseUrl, { poolSize: 1 });
    const stored = await db.call.count();
    await db.$disconnect();

    console.log(`\nInbound-call webhook, ${SECONDS}s per run, ${CONNECTIONS} connections, ${os.cpus().length} CPU(s), Postgres at ${DB_URL.host}:\n`);
    console.log("| target | load | throughput (req/s) | p50 (ms) | p99 (ms) | non-2xx | errors |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.target} | ${r.mode} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
    console.log(`\nCalls stored by the app: ${stored} (each request was a new signed call).`);
  } finally {
    floor?.close();
    app.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
