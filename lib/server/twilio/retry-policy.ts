/**
 * When a Twilio REST request is retried (flex-project-template's rule, made explicit):
 * - 429 Too Many Requests and 503 Service Unavailable: always; Twilio did not process the request.
 * - 412 Precondition Failed is NOT retried here: the caller must re-read and merge
 *   (see `updateTaskAttributes`).
 * - other 5xx and network resets: only when repeating the request cannot do anything twice —
 *   reads, deletes, and updates of an existing resource (a POST to a URL ending in its SID).
 *   A create (POST to a collection) is retried only when the connection was never established.
 * Backoff is exponential with full jitter, capped per attempt and in count.
 *
 * https://www.twilio.com/docs/usage/rest-api-best-practices#retry-with-exponential-backoff
 * https://www.twilio.com/docs/api/errors/20429
 */

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 200, maxDelayMs: 3_000 };

/** Error codes of a connection that failed before or while the request was in flight. */
const NETWORK_RESET_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNABORTED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNREFUSED", "ERR_SOCKET_CONNECTION_TIMEOUT"]);
/** Codes that prove the request never reached Twilio. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** A POST is an update (safe to repeat) when its URL names one resource by SID, e.g. /Calls/CA….json. */
export function isIdempotentRequest(method: string, uri: string): boolean {
  const m = method.toUpperCase();
  if (m === "GET" || m === "DELETE" || m === "HEAD") return true;
  const path = new URL(uri).pathname.replace(/\.json$/, "");
  const last = path.split("/").pop() ?? "";
  return m === "POST" && /^[A-Z]{2}[0-9a-f]{32}$/.test(last);
}

export function shouldRetryStatus(status: number, method: string, uri: string): boolean {
  if (status === 429 || status === 503) return true;
  if (status >= 500) return isIdempotentRequest(method, uri);
  return false;
}

export function shouldRetryError(error: unknown, method: string, uri: string): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (!code || !NETWORK_RESET_CODES.has(code)) return false;
  return NOT_SENT_CODES.has(code) || isIdempotentRequest(method, uri);
}

/** Full-jitter exponential backoff: random in [0, min(cap, base·2^attempt)). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
