/**
 * The live half of `npm run bench:dashboard`: how long from a signed TaskRouter webhook reaching
 * the app to the resulting dashboard update reaching N connected supervisor SSE streams.
 *
 *   npm run bench:dashboard:sse                 (N = 50, 200, 500; 20 rounds each after 5 warm-up rounds)
 *   BENCH_CLIENTS=50,200 BENCH_ROUNDS=10 npm run bench:dashboard:sse
 *
 * Runs the production build (`next start`) on the machine's Postgres (a throwaway
 * `switchboard_bench_sse` database, migrated and seeded with the reference data), so the event
 * travels the production path: signed `worker.activity.update` → `/api/twilio/taskrouter/events`
 * (signature, idempotency, write) → Postgres NOTIFY → the instance's LISTEN → the live hub
 * recomputes the snapshot once → every stream. Each round flips one agent between Available and
 * Break; a client "has" the event when a snapshot frame with the new activity arrives.
 * Latency = that moment − just before the webhook was sent, on the bench process's clock.
 */
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { encode } from "next-auth/jwt";
import twilio from "twilio";
import { percentile } from "./lib/stats";
import { ensureBuild, randomCredentials, recreateDatabase, startProductionApp } from "./lib/production-app";

const CLIENTS = (process.env.BENCH_CLIENTS ?? "50,200,500").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** Rounds per client count that are run but not reported (JIT, pools, route compilation). */
const WARMUP = 5;
const APP_PORT = Number(process.env.BENCH_PORT ?? 3011);
const DB_URL = new URL(process.env.BENCH_SSE_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchboard_bench_sse");
const AUTH_SECRET = randomBytes(24).toString("hex");
const CREDENTIALS = randomCredentials();
const WORKSPACE_SID = `WS${"0".repeat(32)}`;
const BASE = `http://127.0.0.1:${APP_PORT}`;
const EVENTS_PATH = "/api/twilio/taskrouter/events";

async function prepareDatabase() {
  return recreateDatabase(DB_URL, async (db) => {
    await db.setting.create({ data: { key: "twilio.workspaceSid", value: WORKSPACE_SID } });
    for (const a of await db.activity.findMany()) await db.activity.update({ where: { id: a.id }, data: { sid: `WA${randomBytes(16).toString("hex")}` } });
    for (const u of await db.user.findMany()) await db.user.update({ where: { id: u.id }, data: { workerSid: `WK${randomBytes(16).toString("hex")}` } });
    const sam = await db.user.findUniqueOrThrow({ where: { username: "sam" } });
    const alice = await db.user.findUniqueOrThrow({ where: { username: "alice" } });
    const activities = new Map((await db.activity.findMany()).map((a) => [a.name, a.sid!]));
    return { sam, alice, activities };
  });
}

/** One SSE client: calls `onFrame(text, at)` for every complete event. */
class Client {
  private request: http.ClientRequest | null = null;
  private buffer = "";
  onFrame: (text: string, at: number) => void = () => {};

  open(cookie: string, agent: http.Agent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.request = http.get(`${BASE}/api/supervisor/live`, { agent, headers: { cookie, accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding("utf8");
        let first = true;
        res.on("data", (chunk: string) => {
          const at = performance.now();
          this.buffer += chunk;
          let end: number;
          while ((end = this.buffer.indexOf("\n\n")) >= 0) {
            const frame = this.buffer.slice(0, end);
            this.buffer = this.buffer.slice(end + 2);
            if (!frame.includes("event: snapshot")) continue;
            if (first) {
              first = false;
              resolve();
            }
            this.onFrame(frame, at);
          }
        });
      });
      this.request.on("error", reject);
    });
  }

  close() {
    this.request?.destroy();
  }
}

function signedActivityEvent(workerSid: string, activity: string, activitySid: string) {
  const params: Record<string, string> = {
    AccountSid: CREDENTIALS.accountSid,
    WorkspaceSid: WORKSPACE_SID,
    EventType: "worker.activity.update",
    Sid: `EV${randomBytes(16).toString("hex")}`,
    ResourceType: "worker",
    ResourceSid: workerSid,
    WorkerSid: workerSid,
    WorkerName: "alice",
    WorkerActivitySid: activitySid,
    WorkerActivityName: activity,
    TimestampMs: String(Date.now()),
    EventDescription: `Worker alice updated to ${activity} Activity`,
  };
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(CREDENTIALS.authToken, `${BASE}${EVENTS_PATH}`, params),
      "i-twilio-idempotency-token": randomUUID(),
    },
  };
}

interface Result { clients: number; samples: number[]; lastPerRound: number[]; missed: number; webhookMs: number[] }

async function measure(n: number, cookie: string, workerSid: string, activities: Map<string, string>): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const clients = Array.from({ length: n }, () => new Client());
  for (let i = 0; i < n; i += 50) await Promise.all(clients.slice(i, i + 50).map((c) => c.open(cookie, agent)));

  const result: Result = { clients: n, samples: [], lastPerRound: [], missed: 0, webhookMs: [] };
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const activity = round % 2 === 0 ? "Break" : "Available";
    const marker = `"workerSid":"${workerSid}","activity":"${activity}"`;
    const seen = new Array<number | null>(n).fill(null);
    let remaining = n;
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    let t0 = 0;
    clients.forEach((c, i) => {
      c.onFrame = (text, at) => {
        if (seen[i] !== null || !text.includes(marker)) return;
        seen[i] = at - t0;
        if (--remaining === 0) done();
      };
    });
    const request = signedActivityEvent(workerSid, activity, activities.get(activity)!);
    t0 = performance.now();
    const res = await fetch(`${BASE}${EVENTS_PATH}`, { method: "POST", ...request });
    const webhookMs = performance.now() - t0;
    if (res.status >= 300) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    await Promise.race([all, new Promise((r) => setTimeout(r, 10_000))]);
    if (round < WARMUP) continue;
    result.webhookMs.push(webhookMs);
    const got = seen.filter((s): s is number => s !== null);
    result.missed += n - got.length;
    result.samples.push(...got);
    result.lastPerRound.push(Math.max(...got));
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const c of clients) c.close();
  agent.destroy();
  await new Promise((r) => setTimeout(r, 500));
  return result;
}

async function main() {
  ensureBuild();
  console.log("Preparing the SSE benchmark database…");
  const { sam, alice, activities } = await prepareDatabase();
  const token = await encode({ token: { sub: sam.id, username: sam.username, name: sam.name, role: sam.role }, secret: AUTH_SECRET });
  const cookie = `next-auth.session-token=${token}`;

  const app = await startProductionApp({ port: APP_PORT, databaseUrl: DB_URL, credentials: CREDENTIALS, authSecret: AUTH_SECRET });
  const results: Result[] = [];
  try {
    for (const n of CLIENTS) {
      console.log(`${n} clients…`);
      results.push(await measure(n, cookie, alice.workerSid!, activities));
    }
  } finally {
    app.stop();
  }

  const ms = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p).toFixed(1);
  console.log(`\nWebhook → SSE clients (signed worker.activity.update, Postgres LISTEN/NOTIFY, next start), ${ROUNDS} rounds each, ${os.cpus().length} CPU(s):\n`);
  console.log("| clients | every delivery p50 (ms) | every delivery p99 (ms) | last client p50 (ms) | last client p99 (ms) | webhook response p50 (ms) | missed |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(`| ${r.clients} | ${ms(r.samples, 50)} | ${ms(r.samples, 99)} | ${ms(r.lastPerRound, 50)} | ${ms(r.lastPerRound, 99)} | ${ms(r.webhookMs, 50)} | ${r.missed} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
