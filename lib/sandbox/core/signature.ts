/**
 * Twilio's request signing (docs/twilio-contract.md §1.1) and connection-override fragments
 * (§1.5). Tests verify what this produces with twilio-node's own `validateRequest`.
 */
import crypto from "node:crypto";

/** The URL Twilio signs and requests: the configured URL minus any `#fragment`. */
export function stripFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + sorted body params)). Keys are sorted
 * by UTF-16 code unit (plain JS sort); repeated values are de-duplicated and sorted. GET
 * requests sign the URL only (pass no params).
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]> = {},
): string {
  let data = stripFragment(url);
  for (const key of Object.keys(params).sort()) {
    const value = params[key]!;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += key + v;
  }
  return crypto.createHmac("sha1", authToken).update(Buffer.from(data, "utf-8")).digest("base64");
}

export type RetryPolicy = "4xx" | "5xx" | "ct" | "rt";

export interface ConnectionOverrides {
  /** TCP connect timeout (ms). */
  connectTimeout: number;
  /** Read timeout: first byte and between packets (ms). */
  readTimeout: number;
  /** Total time for all attempts (ms). */
  totalTimeout: number;
  retryCount: number;
  retryPolicy: Set<RetryPolicy>;
  /** Keys present in the fragment that the sandbox does not act on (sni, e, edge…). */
  ignored: string[];
  /** Keys or values that were malformed or out of range (reported to the debugger). */
  invalid: string[];
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** Parses `#ct=1000&rt=5000&tt=…&rc=2&rp=ct,rt` with Twilio's defaults and ranges. */
export function parseConnectionOverrides(url: string): ConnectionOverrides {
  const result: ConnectionOverrides = {
    connectTimeout: 5000,
    readTimeout: 15000,
    totalTimeout: 15000,
    retryCount: 1,
    retryPolicy: new Set<RetryPolicy>(["ct"]),
    ignored: [],
    invalid: [],
  };
  const hash = url.indexOf("#");
  if (hash === -1) return result;
  const fragment = new URLSearchParams(url.slice(hash + 1));
  const number = (key: string, min: number, max: number, apply: (n: number) => void) => {
    const raw = fragment.get(key);
    if (raw === null) return;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      result.invalid.push(`${key}=${raw}`);
      return;
    }
    if (n < min || n > max) result.invalid.push(`${key}=${raw} (clamped to ${min}–${max})`);
    apply(clamp(Math.round(n), min, max));
  };
  number("ct", 100, 10000, (n) => (result.connectTimeout = n));
  number("rt", 100, 15000, (n) => (result.readTimeout = n));
  number("tt", 100, 15000, (n) => (result.totalTimeout = n));
  number("rc", 0, 5, (n) => (result.retryCount = n));
  const rp = fragment.get("rp");
  if (rp !== null) {
    const policy = new Set<RetryPolicy>();
    for (const part of rp.split(",").map((p) => p.trim())) {
      if (part === "all") ["4xx", "5xx", "ct", "rt"].forEach((p) => policy.add(p as RetryPolicy));
      else if (part === "4xx" || part === "5xx" || part === "ct" || part === "rt") policy.add(part);
      else if (part) result.invalid.push(`rp=${part}`);
    }
    result.retryPolicy = policy;
  }
  for (const key of fragment.keys()) {
    if (!["ct", "rt", "tt", "rc", "rp"].includes(key) && !result.ignored.includes(key))
      result.ignored.push(key);
  }
  return result;
}
