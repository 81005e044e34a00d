import "server-only";
/**
 * The wrapper every Twilio callback route uses (docs/STYLE.md §2):
 * signature on the public URL → zod parse → idempotency (WebhookReceipt, stored response
 * replayed) → typed handler → TwiML / JSON / 204.
 *
 * - Missing or wrong X-Twilio-Signature → 403, nothing written. No bypass in any mode.
 * - Idempotency key: the route's natural key when it has one (CallSid + SequenceNumber…), else
 *   `I-Twilio-Idempotency-Token` (the same on Twilio's retries), else a hash of the signed request.
 * - A failing TwiML route answers 200 with a short spoken apology and a safe fallback, never a
 *   500 (the caller would hear "an application error has occurred").
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 * https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { requestLogger, type Logger } from "@/lib/server/logger";
import { getTwilioAccount } from "./config";
import { isValidTwilioSignature, parseForm, publicWebhookUrl, type FormParams } from "./signature";
import { apologyTwiml } from "./twiml/apology";
import {
  awaitStoredResponse,
  claimWebhookReceipt,
  completeWebhookReceipt,
  releaseWebhookReceipt,
  type StoredResponse,
} from "./webhook-receipts";

export type WebhookResponseKind = "twiml" | "json" | "empty";

export interface WebhookContext<T> {
  params: T;
  raw: FormParams;
  /** The public URL Twilio signed (base URL + path + query). */
  url: URL;
  request: Request;
  log: Logger;
}

type HandlerResult<K extends WebhookResponseKind> = K extends "twiml" ? string : K extends "json" ? object : void;

export interface WebhookOptions<T, K extends WebhookResponseKind> {
  responds: K;
  /** Natural idempotency key, e.g. `${CallSid}:${SequenceNumber}`; null when the request has none. */
  naturalKey?: (params: T, url: URL) => string | null;
  /** The SID the request is about, for the receipt and the log. */
  resourceSid?: (params: T) => string | undefined;
  /** TwiML to answer when the handler fails (default: apology, then hang up). */
  fallbackTwiml?: (url: URL) => string;
}

const TWIML_TYPE = "text/xml; charset=utf-8";

function toResponse(stored: StoredResponse): Response {
  const headers: Record<string, string> = {};
  if (stored.contentType) headers["Content-Type"] = stored.contentType;
  return new Response(stored.status === 204 ? null : stored.body, { status: stored.status, headers });
}

function bodyHash(route: string, params: FormParams): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${k}=${JSON.stringify(params[k])}`)
    .join("&");
  return createHash("sha256").update(`${route}\n${canonical}`).digest("hex");
}

export function withTwilioWebhook<S extends z.ZodType, K extends WebhookResponseKind>(
  schema: S,
  handler: (context: WebhookContext<z.output<S>>) => Promise<HandlerResult<K>>,
  options: WebhookOptions<z.output<S>, K>,
) {
  const fallback = (url: URL) => options.fallbackTwiml?.(url) ?? apologyTwiml();
  const failure = (url: URL): Response =>
    options.responds === "twiml"
      ? new Response(fallback(url), { status: 200, headers: { "Content-Type": TWIML_TYPE } })
      : Response.json({ error: "webhook handler failed" }, { status: 500 });

  return async function webhookRoute(request: Request): Promise<Response> {
    const publicUrl = new URL(publicWebhookUrl(env.PUBLIC_BASE_URL, request.url));
    const route = publicUrl.pathname;
    let log = requestLogger(request).child({ webhook: route });

    const rawBody = await request.text();
    const raw = parseForm(rawBody);

    let authToken: string;
    try {
      authToken = getTwilioAccount().authToken;
    } catch (error) {
      log.error({ err: error }, "cannot verify webhook: no Twilio credentials");
      return new Response("Twilio credentials are not available", { status: 503 });
    }
    const signature = request.headers.get("x-twilio-signature");
    if (!isValidTwilioSignature(authToken, signature, publicUrl.toString(), raw)) {
      log.warn({ hasSignature: Boolean(signature), url: publicUrl.toString() }, "rejected webhook: bad or missing X-Twilio-Signature");
      return new Response("Twilio Request Validation Failed.", { status: 403 });
    }

    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues.slice(0, 5) }, "signed webhook did not match its schema");
      return options.responds === "twiml"
        ? failure(publicUrl)
        : Response.json({ error: "invalid webhook parameters" }, { status: 400 });
    }
    const params = parsed.data as z.output<S>;
    const resourceSid = options.resourceSid?.(params);
    if (resourceSid) log = log.child({ sid: resourceSid });

    const natural = options.naturalKey?.(params, publicUrl);
    const token = request.headers.get("i-twilio-idempotency-token");
    const key = natural
      ? `${route}|nk:${natural}`
      : token
        ? `${route}|tok:${token}`
        : `${route}|body:${bodyHash(publicUrl.pathname + publicUrl.search, raw)}`;

    let claim;
    try {
      claim = await claimWebhookReceipt(key, route, resourceSid);
    } catch (error) {
      log.error({ err: error }, "webhook receipt could not be claimed");
      return failure(publicUrl);
    }
    if (!claim.claimed) {
      const stored =
        claim.response ?? (await awaitStoredResponse(key, options.responds === "twiml" ? 8_000 : 3_000).catch(() => null));
      log.info({ replay: true, pending: !stored }, "duplicate webhook delivery: nothing written");
      if (stored) return toResponse(stored);
      // The first delivery is still running: it will write; this one must not.
      return options.responds === "twiml" ? failure(publicUrl) : new Response(null, { status: 204 });
    }

    try {
      const result = await handler({ params, raw, url: publicUrl, request, log });
      const stored: StoredResponse =
        options.responds === "twiml"
          ? { status: 200, contentType: TWIML_TYPE, body: String(result) }
          : options.responds === "json"
            ? { status: 200, contentType: "application/json", body: JSON.stringify(result) }
            : { status: 204, contentType: null, body: "" };
      await completeWebhookReceipt(key, stored);
      return toResponse(stored);
    } catch (error) {
      log.error({ err: error, appError: isAppError(error) ? error.code : undefined }, "webhook handler failed");
      await releaseWebhookReceipt(key).catch((releaseError: unknown) =>
        log.error({ err: releaseError }, "could not release the webhook receipt"),
      );
      return failure(publicUrl);
    }
  };
}
