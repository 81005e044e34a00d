/**
 * The sandbox's one port: REST (Twilio paths and HTTP Basic auth), the control API, the SSE
 * event stream for the console, and WebSocket upgrades for the modules' signalling.
 */
import http from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { errorResponse, SandboxError } from "../core/rest";
import type { Sandbox } from "../core/sandbox";
import type { SandboxEvent, SandboxRequest, SandboxResponse } from "../core/types";

export interface SandboxServer {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function parseForm(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = form[key];
    if (existing === undefined) form[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else form[key] = [existing, value];
  }
  return form;
}

function readBody(req: http.IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new SandboxError(413, 20001, "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function authenticate(sandbox: Sandbox, header: string | undefined): SandboxRequest["auth"] {
  if (!header?.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf-8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const { account } = sandbox.ctx;
  if (user === account.accountSid && password === account.authToken)
    return { accountSid: account.accountSid, via: "auth-token" };
  const key = account.apiKeys.find((k) => k.sid === user && k.secret === password);
  if (key) return { accountSid: account.accountSid, via: "api-key", keySid: key.sid };
  return null;
}

const CORS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization",
};

function send(
  res: http.ServerResponse,
  response: SandboxResponse,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extraHeaders, ...(response.headers ?? {}) };
  let body: string | Buffer | undefined;
  if (response.body === undefined || response.body === null) body = undefined;
  else if (Buffer.isBuffer(response.body)) body = response.body;
  else if (typeof response.body === "string") body = response.body;
  else {
    body = JSON.stringify(response.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
      headers["Content-Type"] = "application/json; charset=utf-8";
  }
  if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

function serveEvents(sandbox: Sandbox, req: http.IncomingMessage, res: http.ServerResponse) {
  res.writeHead(200, {
    ...CORS,
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.write(
    `retry: 2000\nevent: hello\ndata: ${JSON.stringify({ accountSid: sandbox.ctx.account.accountSid, now: sandbox.ctx.clock.now() })}\n\n`,
  );
  const onEvent = (event: SandboxEvent) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data ?? null)}\n\n`);
  };
  sandbox.ctx.events.on("event", onEvent);
  const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    sandbox.ctx.events.off("event", onEvent);
  };
  req.on("close", stop);
  res.on("error", stop);
}

export async function handleRequest(
  sandbox: Sandbox,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox.local");
  const path = url.pathname;
  const isControl = path.startsWith("/sandbox/");
  const extra = isControl ? CORS : {};
  try {
    if (req.method === "OPTIONS" && isControl) {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (req.method === "GET" && path === "/sandbox/events") {
      serveEvents(sandbox, req, res);
      return;
    }
    const { match, methodMismatch } = sandbox.router.match(req.method ?? "GET", path);
    if (!match) {
      await readBody(req).catch(() => undefined);
      if (methodMismatch)
        send(res, errorResponse(405, 20004, `Method ${req.method} not allowed on ${path}`), extra);
      else {
        sandbox.ctx.debugger.report({
          level: "unsupported",
          code: 0,
          message: `No sandbox route for ${req.method} ${path}`,
          url: path,
        });
        send(res, errorResponse(404, 20404, `The requested resource ${path} was not found`), extra);
      }
      return;
    }
    const rawBody = await readBody(req);
    const contentType = (req.headers["content-type"] ?? "").toLowerCase();
    let form: Record<string, string | string[]> = {};
    let json: unknown = undefined;
    if (contentType.includes("application/x-www-form-urlencoded"))
      form = parseForm(rawBody.toString("utf-8"));
    else if (contentType.includes("application/json") && rawBody.length > 0) {
      try {
        json = JSON.parse(rawBody.toString("utf-8"));
      } catch {
        send(res, errorResponse(400, 20001, "Request body is not valid JSON"), extra);
        return;
      }
    }
    const auth = authenticate(sandbox, req.headers.authorization);
    const needsAuth = (match.compiled.route.auth ?? "account") === "account";
    if (needsAuth) {
      if (!auth) {
        send(
          res,
          {
            status: 401,
            headers: { "WWW-Authenticate": 'Basic realm="Twilio API"' },
            body: {
              code: 20003,
              detail: "Your AccountSid or AuthToken was incorrect.",
              message: "Authenticate",
              more_info: "https://www.twilio.com/docs/errors/20003",
              status: 401,
            },
          },
          extra,
        );
        return;
      }
      const pathAccount = match.params.AccountSid;
      if (pathAccount !== undefined && pathAccount !== auth.accountSid) {
        send(res, errorResponse(404, 20404, `The requested resource ${path} was not found`), extra);
        return;
      }
    }
    const request: SandboxRequest = {
      method: req.method ?? "GET",
      path,
      params: match.params,
      query: url.searchParams,
      form,
      json,
      rawBody,
      headers: req.headers,
      auth,
    };
    const response = await match.compiled.route.handler(request);
    send(res, response, extra);
  } catch (error) {
    if (error instanceof SandboxError) {
      send(res, errorResponse(error.status, error.code, error.message, error.details), extra);
      return;
    }
    sandbox.ctx.log.error(`Unhandled error on ${req.method} ${path}`, {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    if (!res.headersSent) send(res, errorResponse(500, 20500, "Internal sandbox error"), extra);
    else res.end();
  }
}

export function handleUpgrade(
  sandbox: Sandbox,
  wss: WebSocketServer,
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
) {
  const path = new URL(req.url ?? "/", "http://sandbox.local").pathname;
  const route = sandbox.wsRoutes.find((r) => r.path === path);
  if (!route) {
    socket.write("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => route.onConnection(ws, req));
}

/** Listens on host:port (port 0 picks a free one) and points ctx.baseUrl at it. */
export async function listen(
  sandbox: Sandbox,
  options: { port: number; host?: string },
): Promise<SandboxServer> {
  const host = options.host ?? "127.0.0.1";
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => void handleRequest(sandbox, req, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (req, socket, head) => handleUpgrade(sandbox, wss, req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${host}:${port}`;
  sandbox.ctx.baseUrl = url;
  return {
    server,
    url,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
