/**
 * Webhook delivery exactly as Twilio does it (docs/twilio-contract.md §1): HMAC-SHA1 signature
 * over the configured URL (minus #fragment) and sorted params, `I-Twilio-Idempotency-Token`
 * (the same on retries), connection overrides from the fragment, Twilio's default timeouts and
 * retry policy, the 15 s cap on voice requests, 5 s for TaskRouter assignment callbacks, then
 * the fallback URL. Every delivery lands in the webhook log with a verdict: did the app accept
 * it, and does the signature we sent validate with twilio-node's own validator.
 */
import crypto from "node:crypto";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { httpAttempt, type AttemptResult, type AttemptFailure } from "./http-attempt";
import {
  parseConnectionOverrides,
  stripFragment,
  twilioSignature,
  type ConnectionOverrides,
} from "./signature";
import type {
  DebuggerFeed,
  SandboxAccount,
  SandboxClock,
  WebhookClient,
  WebhookKind,
  WebhookRequest,
  WebhookResult,
} from "./types";

export interface WebhookAttemptLog {
  url: string;
  method: "GET" | "POST";
  startedAt: number;
  durationMs: number;
  status: number | null;
  failure?: AttemptFailure;
  message?: string;
  fallback: boolean;
}

export interface WebhookLogEntry {
  id: string;
  at: number;
  kind: WebhookKind;
  resourceSid?: string;
  url: string;
  method: "GET" | "POST";
  params: Record<string, string | string[]>;
  requestHeaders: Record<string, string>;
  attempts: WebhookAttemptLog[];
  response: {
    status: number | null;
    contentType: string | null;
    body: string;
    headers: Record<string, string>;
  } | null;
  durationMs: number;
  usedFallback: boolean;
  errorCode?: number;
  verdict: {
    /** The app accepted the webhook (2xx; the right content type where Twilio requires one). */
    accepted: boolean;
    /** Why not, or a warning Twilio's debugger would show. */
    note?: string;
    /** The X-Twilio-Signature we sent validates with twilio-node's validateRequest. */
    signatureValid: boolean;
  };
}

export interface WebhookLog {
  list(filter?: { resourceSid?: string; kind?: WebhookKind }): WebhookLogEntry[];
  get(id: string): WebhookLogEntry | undefined;
  clear(): void;
}

export interface WebhookClientOptions {
  account: () => SandboxAccount;
  clock: SandboxClock;
  debugger: DebuggerFeed;
  emit: (type: string, data: unknown) => void;
  /** Max log entries kept (oldest dropped). */
  logLimit?: number;
}

const VOICE_CAP_MS = 15_000;
const ASSIGNMENT_CAP_MS = 5_000;
const LOG_BODY_LIMIT = 64 * 1024;

const ERROR_CODES: Record<AttemptFailure | "status", number> = {
  status: 11200, // HTTP retrieval failure (non-2xx)
  ct: 11205, // HTTP connection failure
  rt: 11205, // the response did not arrive in time: also a connection failure in Twilio's catalogue
  dns: 11210, // HTTP bad host name
  redirects: 11215, // too many redirects
  "refused-host": 11205,
  "too-large": 11750, // TwiML response body too large
  protocol: 11206, // HTTP protocol violation
};

function totalCap(kind: WebhookKind, overrides: ConnectionOverrides): number {
  if (kind === "taskrouter-assignment") return Math.min(overrides.totalTimeout, ASSIGNMENT_CAP_MS);
  if (kind === "voice" || kind === "voice-status")
    return Math.min(overrides.totalTimeout, VOICE_CAP_MS);
  return overrides.totalTimeout;
}

function shouldRetry(result: AttemptResult, overrides: ConnectionOverrides): boolean {
  const policy = overrides.retryPolicy;
  if (result.failure === "ct" && policy.has("ct")) return true;
  if (result.failure === "rt" && policy.has("rt")) return true;
  if (result.failure === undefined && result.status !== null) {
    if (result.status >= 400 && result.status < 500 && policy.has("4xx")) return true;
    if (result.status >= 500 && policy.has("5xx")) return true;
  }
  return false;
}

/** Appends params to a URL's query string (GET webhooks), before any #fragment. */
export function withQuery(url: string, params: Record<string, string | string[]>): string {
  const base = stripFragment(url);
  const fragment = url.slice(base.length);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  const qs = q.toString();
  if (!qs) return url;
  return `${base}${base.includes("?") ? "&" : "?"}${qs}${fragment}`;
}

function encodeForm(params: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  return q.toString();
}

function verdictFor(
  kind: WebhookKind,
  result: AttemptResult,
): { accepted: boolean; note?: string } {
  if (result.failure) return { accepted: false, note: result.message };
  const status = result.status ?? 0;
  const type = (result.headers["content-type"] ?? "").toLowerCase();
  if (status < 200 || status >= 300) return { accepted: false, note: `HTTP ${status}` };
  switch (kind) {
    case "taskrouter-assignment":
      if (status === 200 && result.body.trim() === "")
        return { accepted: true, note: "empty 200: accept or reject later through the API" };
      if (!type.includes("application/json"))
        return {
          accepted: false,
          note: "assignment callback must answer 200 with Content-Type application/json",
        };
      return { accepted: true };
    case "taskrouter-event":
      return status === 204
        ? { accepted: true }
        : { accepted: true, note: `expected 204 No Content, got ${status}` };
    case "voice-status":
    case "messaging-status":
    case "video-status":
      if (status === 204 || result.body.trim() === "") return { accepted: true };
      if (/xml/.test(type) && /<Response\s*\/>|<Response>\s*<\/Response>/.test(result.body))
        return { accepted: true };
      return { accepted: true, note: "status callbacks should answer 204 or an empty <Response/>" };
    default:
      return { accepted: true };
  }
}

export function createWebhookClient(
  options: WebhookClientOptions,
): WebhookClient & { log: WebhookLog } {
  const { clock } = options;
  let entries: WebhookLogEntry[] = [];
  let seq = 0;
  const limit = options.logLimit ?? 500;

  async function deliverTo(
    request: WebhookRequest,
    rawUrl: string,
    method: "GET" | "POST",
    fallback: boolean,
    attempts: WebhookAttemptLog[],
  ): Promise<{
    result: AttemptResult;
    headers: Record<string, string>;
    signatureValid: boolean;
    overrides: ConnectionOverrides;
  }> {
    const overrides = parseConnectionOverrides(rawUrl);
    const { authToken } = options.account();
    const target = method === "GET" ? withQuery(rawUrl, request.params) : rawUrl;
    const signedUrl = stripFragment(target);
    const signature = twilioSignature(authToken, signedUrl, method === "GET" ? {} : request.params);
    const signatureValid = validateRequest(
      authToken,
      signature,
      signedUrl,
      method === "GET" ? {} : (request.params as Record<string, string>),
    );
    const headers: Record<string, string> = {
      "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
      "X-Twilio-Signature": signature,
      "I-Twilio-Idempotency-Token": crypto.randomUUID(),
      "User-Agent": "TwilioProxy/1.1",
      Accept: "*/*",
      "Cache-Control": "max-age=259200",
    };
    const body = method === "POST" ? encodeForm(request.params) : undefined;
    const deadline = clock.now() + totalCap(request.kind, overrides);
    let result: AttemptResult | undefined;
    for (let attempt = 0; attempt <= overrides.retryCount; attempt++) {
      const startedAt = clock.now();
      const real = Date.now();
      result = await clock.track(
        httpAttempt({
          url: signedUrl,
          method,
          headers,
          body,
          connectTimeoutMs: overrides.connectTimeout,
          readTimeoutMs: overrides.readTimeout,
          deadline,
          clock,
        }),
      );
      attempts.push({
        url: signedUrl,
        method,
        startedAt,
        // Manual clock: a response that needed no clock time still took real time.
        durationMs: Math.max(
          clock.now() - startedAt,
          clock.mode === "manual" ? Date.now() - real : 0,
        ),
        status: result.status,
        failure: result.failure,
        message: result.message,
        fallback,
      });
      if (
        result.failure === "refused-host" ||
        clock.now() >= deadline ||
        !shouldRetry(result, overrides)
      )
        break;
    }
    return { result: result!, headers, signatureValid, overrides };
  }

  const client: WebhookClient & { log: WebhookLog } = {
    async send(request: WebhookRequest): Promise<WebhookResult> {
      const method = request.method ?? "POST";
      const at = clock.now();
      const attempts: WebhookAttemptLog[] = [];
      let delivery = await deliverTo(request, request.url, method, false, attempts);
      const primaryOverrides = delivery.overrides;
      let primaryVerdict = verdictFor(request.kind, delivery.result);
      let usedFallback = false;
      const primaryFailed = !primaryVerdict.accepted;
      if (primaryFailed && request.fallbackUrl) {
        reportFailure(request, request.url, delivery.result, primaryVerdict.note);
        usedFallback = true;
        delivery = await deliverTo(
          request,
          request.fallbackUrl,
          request.fallbackMethod ?? "POST",
          true,
          attempts,
        );
        primaryVerdict = verdictFor(request.kind, delivery.result);
      }
      const { result } = delivery;
      const verdict = primaryVerdict;
      const errorCode = verdict.accepted
        ? undefined
        : result.failure
          ? ERROR_CODES[result.failure]
          : ERROR_CODES.status;
      if (!verdict.accepted)
        reportFailure(
          request,
          usedFallback ? request.fallbackUrl! : request.url,
          result,
          verdict.note,
        );
      else if (verdict.note) {
        options.debugger.report({
          level: "warning",
          code: 15003,
          message: verdict.note,
          url: request.url,
          resourceSid: request.resourceSid,
        });
      }
      for (const problem of primaryOverrides.invalid) {
        options.debugger.report({
          level: "warning",
          code: 0,
          message: `Invalid connection override ${problem}`,
          url: request.url,
          resourceSid: request.resourceSid,
        });
      }
      for (const key of primaryOverrides.ignored) {
        options.debugger.report({
          level: "unsupported",
          code: 0,
          message: `Connection override "${key}" is accepted but has no effect in the sandbox`,
          url: request.url,
          resourceSid: request.resourceSid,
        });
      }
      const durationMs = attempts.reduce((sum, a) => sum + a.durationMs, 0);
      const contentType = result.headers["content-type"] ?? null;
      const entry: WebhookLogEntry = {
        id: `WL${String(++seq).padStart(8, "0")}`,
        at,
        kind: request.kind,
        resourceSid: request.resourceSid,
        url: request.url,
        method,
        params: request.params,
        requestHeaders: delivery.headers,
        attempts,
        response:
          result.status === null
            ? null
            : {
                status: result.status,
                contentType,
                body: result.body.slice(0, LOG_BODY_LIMIT),
                headers: result.headers,
              },
        durationMs,
        usedFallback,
        errorCode,
        verdict: {
          accepted: verdict.accepted,
          note: verdict.note,
          signatureValid: delivery.signatureValid,
        },
      };
      entries.push(entry);
      if (entries.length > limit) entries = entries.slice(-limit);
      options.emit("webhook.logged", entry);
      return {
        ok: verdict.accepted,
        status: result.status,
        contentType,
        body: result.body,
        durationMs,
        errorCode,
        usedFallback,
        logId: entry.id,
      };
    },
    log: {
      list(filter) {
        return entries.filter(
          (e) =>
            (!filter?.resourceSid || e.resourceSid === filter.resourceSid) &&
            (!filter?.kind || e.kind === filter.kind),
        );
      },
      get: (id) => entries.find((e) => e.id === id),
      clear() {
        entries = [];
      },
    },
  };

  function reportFailure(
    request: WebhookRequest,
    url: string,
    result: AttemptResult,
    note: string | undefined,
  ) {
    const code = result.failure ? ERROR_CODES[result.failure] : ERROR_CODES.status;
    const status =
      request.kind.endsWith("-status") || request.kind === "taskrouter-event" ? "warning" : "error";
    options.debugger.report({
      level: status,
      code,
      message: `${result.failure ? "HTTP connection failure" : "HTTP retrieval failure"}: ${note ?? `HTTP ${result.status}`}`,
      url,
      resourceSid: request.resourceSid,
      details: { kind: request.kind, status: result.status, body: result.body.slice(0, 2000) },
    });
  }

  return client;
}
