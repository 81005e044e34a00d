/**
 * Test harness for the media layer's browser tests: the media module mounted on a minimal HTTP
 * and WebSocket server, a stand-in voice engine that bridges legs (TestVoiceEngine), test pages
 * with the real Voice SDK bundled by esbuild, and a few control routes. It stands in for the
 * sandbox core until the two are integrated; nothing of the app runs here.
 *
 *   npx tsx e2e/media/harness.ts        (port: E2E_MEDIA_PORT, default 3120)
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { WebSocketServer, type WebSocket } from "ws";
import twilio from "twilio";
import { createMediaModule, VOICE_SIGNAL_PATH } from "../../lib/sandbox/media";
import { createTestContext } from "../../lib/sandbox/media/testing/test-context";
import { TestVoiceEngine } from "../../lib/sandbox/media/testing/test-voice-engine";
import type { HttpRoute, SandboxRequest } from "../../lib/sandbox/core/types";

const port = Number(process.env.E2E_MEDIA_PORT ?? 3120);
const baseUrl = `http://127.0.0.1:${port}`;
const here = path.dirname(fileURLToPath(import.meta.url));
export const BUSINESS_NUMBER = "+12025550100";
const APPLICATION_SID = "AP" + "0".repeat(31) + "1";

const ctx = createTestContext({ baseUrl, appUrl: baseUrl, quiet: true });
const media = createMediaModule(ctx);
const engine = new TestVoiceEngine({
  media: () => ctx.media!,
  sids: ctx.sids,
  businessNumber: BUSINESS_NUMBER,
  agentIdentity: "alice",
  onStatus: (snapshot) => ctx.events.emit("event", { type: "call.updated", data: snapshot }),
});
ctx.voice = engine;

const bundle = await build({
  entryPoints: [path.join(here, "client-entry.ts")],
  bundle: true,
  write: false,
  format: "iife",
  platform: "browser",
  target: "chrome120",
  define: { "process.env.NODE_ENV": '"test"' },
  logLevel: "warning",
});
const bundleJs = bundle.outputFiles[0]!.text;

const page = `<!doctype html><html><head><meta charset="utf-8"><title>media test</title></head>
<body><h1>sandbox media test page</h1><script src="/bundle.js"></script></body></html>`;

const sockets = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true });

function mintToken(body: Record<string, unknown>): string {
  const { AccessToken } = twilio.jwt;
  const key = ctx.account.apiKeys[0]!;
  const token = new AccessToken(
    ctx.account.accountSid,
    key.sid,
    body.wrongSecret ? "x".repeat(32) : key.secret,
    {
      identity: String(body.identity ?? "alice"),
      ttl: Number(body.ttl ?? 3600),
    },
  );
  token.addGrant(
    new AccessToken.VoiceGrant({
      incomingAllow: body.incoming !== false,
      outgoingApplicationSid: body.outgoing === false ? undefined : APPLICATION_SID,
    }),
  );
  return token.toJwt();
}

function matchRoute(
  route: HttpRoute,
  method: string,
  pathname: string,
): Record<string, string> | null {
  if (route.method !== method) return null;
  const names: string[] = [];
  const pattern = new RegExp(
    `^${route.pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`,
  );
  const match = pattern.exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function send(res: http.ServerResponse, status: number, body: unknown, type = "application/json") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? "/", baseUrl);
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname === "/") return send(res, 200, page, "text/html");
    if (method === "GET" && url.pathname === "/bundle.js")
      return send(res, 200, bundleJs, "text/javascript");
    if (method === "GET" && url.pathname === "/health") return send(res, 200, { ok: true });
    if (method === "POST" && url.pathname === "/test/token")
      return send(res, 200, {
        token: mintToken(await readJson(req)),
        mode: "sandbox",
        sandbox: { baseUrl },
      });
    if (method === "GET" && url.pathname === "/test/events") return send(res, 200, engine.events);
    if (method === "GET" && url.pathname === "/test/calls")
      return send(res, 200, engine.activeCalls());
    if (method === "GET" && url.pathname === "/test/state") return send(res, 200, media.state?.());
    if (method === "GET" && url.pathname === "/test/debugger")
      return send(res, 200, ctx.debuggerEntries);
    if (method === "POST" && url.pathname === "/test/hangup") {
      engine.hangUp(String((await readJson(req)).callSid));
      return send(res, 200, { ok: true });
    }
    if (method === "POST" && url.pathname === "/test/drop-signalling") {
      // A network drop as the browser sees it: the TCP connection dies without a close frame.
      const open = [...(sockets.get(VOICE_SIGNAL_PATH) ?? [])];
      for (const socket of open) socket.terminate();
      return send(res, 200, { dropped: open.length });
    }
    for (const route of media.routes ?? []) {
      const params = matchRoute(route, method, url.pathname);
      if (!params) continue;
      const request: SandboxRequest = {
        method,
        path: url.pathname,
        params,
        query: url.searchParams,
        form: {},
        json: null,
        rawBody: Buffer.alloc(0),
        headers: req.headers,
        auth: null,
      };
      const response = await route.handler(request);
      res.writeHead(response.status, response.headers ?? {});
      return res.end(
        Buffer.isBuffer(response.body) ? response.body : JSON.stringify(response.body ?? ""),
      );
    }
    send(res, 404, { message: "not found" });
  })().catch((error: Error) => send(res, 500, { message: error.message }));
});

server.on("upgrade", (req, socket, head) => {
  const pathname = new URL(req.url ?? "/", baseUrl).pathname;
  const route = media.wsRoutes?.find((r) => r.path === pathname);
  if (!route) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => {
    const set = sockets.get(pathname) ?? new Set();
    sockets.set(pathname, set);
    set.add(ws);
    ws.on("close", () => set.delete(ws));
    route.onConnection(ws, req);
  });
});

server.listen(port, "127.0.0.1", () => console.log(`media test harness on ${baseUrl}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void Promise.resolve(media.close?.()).finally(() => server.close(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
