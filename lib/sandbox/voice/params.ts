/** Voice webhook parameters (docs/twilio-contract.md §2.1) and small formatting helpers. */
import { rfc2822 } from "../core/rest";
import type { Call } from "./model";

const AREA_GEO: Record<string, [city: string, state: string, zip: string]> = {
  "202": ["WASHINGTON", "DC", "20001"],
  "212": ["NEW YORK", "NY", "10001"],
  "312": ["CHICAGO", "IL", "60601"],
  "415": ["SAN FRANCISCO", "CA", "94105"],
  "512": ["AUSTIN", "TX", "78701"],
  "617": ["BOSTON", "MA", "02108"],
};

function geo(prefix: "From" | "To" | "Caller" | "Called", address: string): Record<string, string> {
  const nanp = /^\+1(\d{3})\d{7}$/.exec(address);
  const [city, state, zip] = nanp ? (AREA_GEO[nanp[1]!] ?? ["", "", ""]) : ["", "", ""];
  return {
    [`${prefix}City`]: city,
    [`${prefix}State`]: state,
    [`${prefix}Zip`]: zip,
    [`${prefix}Country`]: nanp ? "US" : "",
  };
}

/** The standard params sent on every TwiML request and status callback for a leg. */
export function callParams(call: Call, accountSid: string): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    CallSid: call.sid,
    CallStatus: call.status,
    Called: call.to,
    Caller: call.from,
    Direction: call.direction,
    From: call.from,
    To: call.to,
  };
  if (call.parentCallSid) params.ParentCallSid = call.parentCallSid;
  if (call.applicationSid) params.ApplicationSid = call.applicationSid;
  if (call.forwardedFrom) params.ForwardedFrom = call.forwardedFrom;
  if (call.callerName) params.CallerName = call.callerName;
  if (!call.from.startsWith("client:"))
    Object.assign(params, geo("From", call.from), geo("Caller", call.from));
  if (!call.to.startsWith("client:") && call.to)
    Object.assign(params, geo("To", call.to), geo("Called", call.to));
  return { ...params, ...call.extraParams };
}

export function timestamp(ms: number): string {
  return rfc2822(ms);
}

/** Twilio's TaskRouter attributes for an <Enqueue>d call: the standard params in snake_case. */
export function taskAttributesFor(params: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const snake = key
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
      .toLowerCase();
    out[snake] = value;
  }
  return out;
}

/** Rough spoken duration of a <Say>: about 150 words a minute, at least half a second. */
export function speechMs(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(500, words * 400);
}

export function parseBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return value.toLowerCase() === "true";
}

export function parseNumber(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

export function parseMethod(
  value: string | undefined,
  fallback: "GET" | "POST" = "POST",
): "GET" | "POST" {
  const upper = value?.toUpperCase();
  return upper === "GET" || upper === "POST" ? upper : fallback;
}
