/**
 * A stand-in for the app in tests: a local HTTP server that records every webhook, validates its
 * X-Twilio-Signature with twilio-node's own `validateRequest`, and answers through handlers the
 * test registers per path (TwiML, JSON, status codes, or never).
 */
import http from "node:http";
import twilio from "twilio";

export interface RecordedWebhook {
  method: string;
  path: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  params: Record<string, string>;
  /** Repeated form keys keep every value here. */
  multi: Record<string, string[]>;
  signatureValid: boolean;
  idempotencyToken: string | undefined;
}

export interface RecorderReply {
  status?: number;
  contentType?: string;
  body?: string;
  /** Never answer (tests the sandbox's timeouts). */
  hang?: boolean;
  /** Close the connection without answering. */
  destroy?: boolean;
}

export type RecorderHandler = (
  hook: RecordedWebhook,
) => RecorderReply | string | void | Promise<RecorderReply | string | void>;

export interface WebhookRecorder {
  url: string;
  requests: RecordedWebhook[];
  /** Registers a handler for a path (without query); a string reply is TwiML (text/xml). */
  on(path: string, handler: RecorderHandler): void;
  /** Recorded requests whose path (without query) is `path`. */
  to(path: string): RecordedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookRecorder(authToken: () => string): Promise<WebhookRecorder> {
  const handlers = new Map<string, RecorderHandler>();
  const requests: RecordedWebhook[] = [];
  const hanging = new Set<http.ServerResponse>();
  let base = "";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const fullUrl = `${base}${req.url}`;
      const parsed = new URL(fullUrl);
      const body = Buffer.concat(chunks).toString("utf-8");
      const multi: Record<string, string[]> = {};
      const source = req.method === "GET" ? parsed.searchParams : new URLSearchParams(body);
      for (const [k, v] of source) (multi[k] ??= []).push(v);
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(multi)) params[k] = v[v.length - 1]!;
      const signature = String(req.headers["x-twilio-signature"] ?? "");
      const signatureValid = twilio.validateRequest(
        authToken(),
        signature,
        fullUrl,
        req.method === "GET"
          ? {}
          : (Object.fromEntries(
              Object.entries(multi).map(([k, v]) => [k, v.length > 1 ? v : v[0]]),
            ) as Record<string, string>),
      );
      const hook: RecordedWebhook = {
        method: req.method ?? "GET",
        path: parsed.pathname,
        url: fullUrl,
        headers: req.headers,
        params,
        multi,
        signatureValid,
        idempotencyToken: req.headers["i-twilio-idempotency-token"] as string | undefined,
      };
      requests.push(hook);
      const handler = handlers.get(parsed.pathname);
      let reply: RecorderReply | string | void = undefined;
      try {
        reply = handler ? await handler(hook) : undefined;
      } catch (error) {
        reply = { status: 500, body: String(error) };
      }
      if (typeof reply === "string") reply = { status: 200, contentType: "text/xml", body: reply };
      if (reply?.hang) {
        hanging.add(res);
        return;
      }
      if (reply?.destroy) {
        req.socket.destroy();
        return;
      }
      const status = reply?.status ?? (reply?.body ? 200 : 204);
      res.writeHead(status, reply?.contentType ? { "Content-Type": reply.contentType } : {});
      res.end(reply?.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url: base,
    requests,
    on(path, handler) {
      handlers.set(path, handler);
    },
    to: (path) => requests.filter((r) => r.path === path),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
