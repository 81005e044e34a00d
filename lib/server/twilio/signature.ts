/**
 * X-Twilio-Signature verification (docs/twilio-contract.md §1).
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 *
 * The URL is rebuilt from the configured public base URL, never from Host / X-Forwarded-*: behind
 * a proxy or tunnel the internal URL differs from the one Twilio signed. twilio-node's
 * `validateRequest` then tries the port variants Twilio is known to sign (with and without :443 /
 * :80 or an explicit port) and the legacy query-string encoding.
 */
import twilio from "twilio";

export type FormParams = Record<string, string | string[]>;

/** Parses an application/x-www-form-urlencoded body; repeated keys become arrays. */
export function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

/** The URL Twilio signed: the public base URL + the request's path and query (no fragment). */
export function publicWebhookUrl(publicBaseUrl: string, requestUrl: string): string {
  const url = new URL(requestUrl);
  return `${publicBaseUrl.replace(/\/+$/, "")}${url.pathname}${url.search}`;
}

export function isValidTwilioSignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params: FormParams,
): boolean {
  if (!signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    // A malformed URL cannot have been signed by Twilio.
    return false;
  }
}

/** The signature Twilio would send; used by tests, the benchmark and the sandbox. */
export function computeTwilioSignature(authToken: string, url: string, params: FormParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url.split("#")[0]!, params);
}
