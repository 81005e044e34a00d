/**
 * Twilio REST conventions shared by every module (docs/twilio-contract.md §7): dates, list
 * envelopes with paging, the legacy error body, and form-parameter readers.
 */
import type { SandboxRequest, SandboxResponse } from "./types";

// ─────────────────────────── dates ───────────────────────────

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** RFC 2822 in GMT as the 2010 API writes it: `Tue, 31 Aug 2010 20:36:28 +0000`. */
export function rfc2822(ms: number): string;
export function rfc2822(ms: number | null | undefined): string | null;
export function rfc2822(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** ISO 8601 without milliseconds as the v1 APIs write it: `2014-05-14T18:50:02Z`. */
export function iso8601(ms: number): string;
export function iso8601(ms: number | null | undefined): string | null;
export function iso8601(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

// ─────────────────────────── errors ───────────────────────────

/** Thrown by route handlers; the router answers with Twilio's legacy error body. */
export class SandboxError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: number,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "SandboxError";
  }
}

/** `{code, message, more_info, status}`: the shape twilio-node turns into a RestException. */
export function errorResponse(
  status: number,
  code: number,
  message: string,
  details?: Record<string, unknown>,
): SandboxResponse {
  return {
    status,
    body: {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
      ...(details ? { details } : {}),
    },
  };
}

export function notFound(resource: string): SandboxError {
  return new SandboxError(404, 20404, `The requested resource ${resource} was not found`);
}

/** A required parameter is missing (Twilio error 21201-style message, code 20001 family). */
export function missingParam(name: string): SandboxError {
  return new SandboxError(400, 21201, `Required parameter ${name} missing.`);
}

export function invalidParam(name: string, value: unknown, why = "is not valid"): SandboxError {
  return new SandboxError(400, 20001, `Invalid parameter ${name}: ${JSON.stringify(value)} ${why}`);
}

// ─────────────────────────── form readers ───────────────────────────

type Form = Record<string, string | string[]>;

export function formString(form: Form, key: string): string | undefined {
  const v = form[key];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function requireString(form: Form, key: string): string {
  const v = formString(form, key);
  if (v === undefined || v === "") throw missingParam(key);
  return v;
}

/** Repeated keys (`StatusCallbackEvent=a&StatusCallbackEvent=b`); also splits space-separated values. */
export function formList(form: Form, key: string): string[] | undefined {
  const v = form[key];
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((x) => x.split(/[\s,]+/)).filter(Boolean);
}

export function formBool(form: Form, key: string): boolean | undefined {
  const v = formString(form, key);
  if (v === undefined || v === "") return undefined;
  const lower = v.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw invalidParam(key, v, "must be true or false");
}

export function formInt(
  form: Form,
  key: string,
  range?: { min?: number; max?: number },
): number | undefined {
  const v = formString(form, key);
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw invalidParam(key, v, "must be an integer");
  if (range?.min !== undefined && n < range.min)
    throw invalidParam(key, v, `must be at least ${range.min}`);
  if (range?.max !== undefined && n > range.max)
    throw invalidParam(key, v, `must be at most ${range.max}`);
  return n;
}

export function formMethod(form: Form, key: string): "GET" | "POST" | undefined {
  const v = formString(form, key);
  if (v === undefined || v === "") return undefined;
  const upper = v.toUpperCase();
  if (upper !== "GET" && upper !== "POST") throw invalidParam(key, v, "must be GET or POST");
  return upper;
}

// ─────────────────────────── list envelopes ───────────────────────────

function pageParams(query: URLSearchParams): { page: number; pageSize: number } {
  const rawSize = query.get("PageSize");
  const rawPage = query.get("Page");
  const pageSize = rawSize === null ? 50 : Number(rawSize);
  const page = rawPage === null ? 0 : Number(rawPage);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw invalidParam("PageSize", rawSize, "must be between 1 and 1000");
  if (!Number.isInteger(page) || page < 0)
    throw invalidParam("Page", rawPage, "must be a non-negative integer");
  return { page, pageSize };
}

function pageQuery(query: URLSearchParams, page: number, pageSize: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of query)
    if (k !== "Page" && k !== "PageSize" && k !== "PageToken") q.append(k, v);
  q.set("PageSize", String(pageSize));
  q.set("Page", String(page));
  // An opaque token as Twilio sends one; the sandbox pages by number, the token only echoes it.
  if (page > 0) q.set("PageToken", `PA${page * pageSize}`);
  return q.toString();
}

/**
 * The 2010 list envelope: `{<key>: [...], end, first_page_uri, next_page_uri, page, page_size,
 * previous_page_uri, start, uri}`. URIs are relative (`/2010-04-01/...`), as Twilio sends them;
 * twilio-node makes them absolute against api.twilio.com.
 */
export function list2010<T>(
  request: SandboxRequest,
  key: string,
  items: T[],
  serialize: (item: T) => unknown,
): Record<string, unknown> {
  const { page, pageSize } = pageParams(request.query);
  const uriPath = request.path.replace(/^\/api/, "");
  const start = page * pageSize;
  const slice = items.slice(start, start + pageSize);
  const hasNext = start + pageSize < items.length;
  return {
    [key]: slice.map(serialize),
    end: slice.length === 0 ? 0 : start + slice.length - 1,
    first_page_uri: `${uriPath}?${pageQuery(request.query, 0, pageSize)}`,
    next_page_uri: hasNext ? `${uriPath}?${pageQuery(request.query, page + 1, pageSize)}` : null,
    page,
    page_size: pageSize,
    previous_page_uri:
      page > 0 ? `${uriPath}?${pageQuery(request.query, page - 1, pageSize)}` : null,
    start,
    uri: `${uriPath}?${pageQuery(request.query, page, pageSize)}`,
  };
}

/**
 * The v1 list envelope: `{<key>: [...], meta: {first_page_url, key, next_page_url, page,
 * page_size, previous_page_url, url}}` with absolute URLs on the real host (e.g.
 * https://taskrouter.twilio.com), which the app's httpClient rewrites.
 */
export function listV1<T>(
  request: SandboxRequest,
  host: string,
  key: string,
  items: T[],
  serialize: (item: T) => unknown,
): Record<string, unknown> {
  const { page, pageSize } = pageParams(request.query);
  const path = request.path.replace(/^\/[a-z]+(?=\/v1\/)/, "");
  const base = `https://${host}${path}`;
  const start = page * pageSize;
  const slice = items.slice(start, start + pageSize);
  const hasNext = start + pageSize < items.length;
  return {
    [key]: slice.map(serialize),
    meta: {
      first_page_url: `${base}?${pageQuery(request.query, 0, pageSize)}`,
      key,
      next_page_url: hasNext ? `${base}?${pageQuery(request.query, page + 1, pageSize)}` : null,
      page,
      page_size: pageSize,
      previous_page_url:
        page > 0 ? `${base}?${pageQuery(request.query, page - 1, pageSize)}` : null,
      url: `${base}?${pageQuery(request.query, page, pageSize)}`,
    },
  };
}

/** Formats a number as Twilio's string numerics (`"duration": "15"`); null stays null. */
export function numericString(n: number | null | undefined): string | null {
  return n === null || n === undefined ? null : String(n);
}
