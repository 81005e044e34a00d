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
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import autocannon from "autocannon";
import twilio from "twilio";
import { createPrismaClient } from "@/lib/server/db/create-client";
import { ensureBuild, randomCredentials, recreateDatabase, startProductionApp } from "./lib/production-app";

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const APP_PORT = Number(process.env.BENCH_PORT ?? 3010);
const DB_URL = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchboard_bench");
const CREDENTIALS = randomCredentials();
const { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } = CREDENTIALS;
const PATH = "/api/twilio/voice/incoming";

function prepareDatabase() {
  return recreateDatabase(DB_URL, async (db) => {
    for (const [key, value] of [["twilio.workspaceSid", `WS${"0".repeat(32)}`], ["twilio.workflowSid", `WW${"0".repeat(32)}`], ["twilio.twimlAppSid", `AP${"0".repeat(32)}`]]) {
      await db.setting.create({ data: { key: key!, value: value! } });
    }
  });
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
  ensureBuild();
  console.log("Preparing the benchmark database…");
  await prepareDatabase();
  const app = await startProductionApp({ port: APP_PORT, databaseUrl: DB_URL, credentials: CREDENTIALS, authSecret: randomBytes(24).toString("hex") });
  let floor: http.Server | null = null;
  const rows: Row[] = [];
  try {
    const appBase = app.base;
    let floorBase = "";
    floor = await startFloor(() => floorBase);
    floorBase = `http://127.0.0.1:${(floor.address() as { port: number }).port}`;

    // Warm-up (JIT, connection pool, route compilation), not reported.
    await autocannon({ url: appBase, connections: 5, amount: 200, requests: signedRequests(appBase) as never });
    for (const [target, base] of [["node:http floor", floorBase], ["Switchboard (next start)", appBase]] as const) {
      rows.push(await run(target, base, RATE));
      rows.push(await run(target, base, undefined));
    }
    const db = createPrismaClient(DB_URL.toString(), { poolSize: 1 });
    const stored = await db.call.count();
    await db.$disconnect();

    console.log(`\nInbound-call webhook, ${SECONDS}s per run, ${CONNECTIONS} connections, ${os.cpus().length} CPU(s), Postgres at ${DB_URL.host}:\n`);
    console.log("| target | load | throughput (req/s) | p50 (ms) | p99 (ms) | non-2xx | errors |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.target} | ${r.mode} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
    console.log(`\nCalls stored by the app: ${stored} (each request was a new signed call).`);
  } finally {
    floor?.close();
    app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
