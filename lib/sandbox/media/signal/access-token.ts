/**
 * Verifies a Voice Access Token the way Twilio's signalling gateway does (docs/twilio-contract.md
 * §5): a JWT with header `cty: twilio-fpa;v=1`, HMAC-signed (HS256/384/512) with the secret of the
 * API key named in `iss`, `sub` = the account, inside its `nbf`/`exp` window, at most 24 h long,
 * with an identity. Grants are checked where they are used (register, connect).
 *
 * Failures carry the gateway's signalling error codes, which the Voice SDK turns into its own
 * errors: 31204 → AccessTokenInvalid (20101), 31205 → AccessTokenExpired (20104), 31207 → "JWT
 * token expiration too long".
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SandboxAccount } from "../../core/types";

export const TOKEN_INVALID = 31204;
export const TOKEN_EXPIRED = 31205;
export const TOKEN_TOO_LONG = 31207;
export const NOT_AUTHORIZED = 31201;

const MAX_TTL_SECONDS = 86_400;
const ALGORITHMS: Record<string, string> = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };

export interface VoiceGrant {
  incoming?: { allow?: boolean };
  outgoing?: { application_sid?: string; params?: Record<string, unknown> };
  push_credential_sid?: string;
  endpoint_id?: string;
}

export interface VerifiedToken {
  identity: string;
  accountSid: string;
  apiKeySid: string;
  /** Milliseconds since the epoch (sandbox clock). */
  expiresAt: number;
  voice: VoiceGrant | null;
}

export type TokenCheck =
  { ok: true; token: VerifiedToken } | { ok: false; code: number; message: string };

export function verifyAccessToken(
  jwt: unknown,
  account: SandboxAccount,
  nowMs: number,
): TokenCheck {
  if (typeof jwt !== "string" || jwt.length === 0) return invalid("Access Token missing");
  const parts = jwt.split(".");
  if (parts.length !== 3) return invalid("Access Token is not a JWT");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) return invalid("Access Token is not valid JSON");

  const algorithm = typeof header.alg === "string" ? ALGORITHMS[header.alg] : undefined;
  if (!algorithm) return invalid(`Access Token algorithm ${String(header.alg)} is not supported`);
  if (header.cty !== "twilio-fpa;v=1")
    return invalid("Access Token header must have cty twilio-fpa;v=1");

  const key = account.apiKeys.find((k) => k.sid === payload.iss);
  if (!key)
    return invalid(`Access Token issuer ${String(payload.iss)} is not an API key of this account`);
  const expected = createHmac(algorithm, key.secret)
    .update(`${headerPart}.${payloadPart}`)
    .digest();
  const given = base64UrlDecode(signaturePart);
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return invalid("Access Token signature validation failed");
  }
  if (payload.sub !== account.accountSid)
    return invalid("Access Token subject is not this account");

  if (typeof payload.exp !== "number") return invalid("Access Token has no expiration");
  const nowSeconds = nowMs / 1000;
  if (nowSeconds >= payload.exp)
    return { ok: false, code: TOKEN_EXPIRED, message: "Access Token expired" };
  if (typeof payload.nbf === "number" && nowSeconds < payload.nbf)
    return invalid("Access Token is not valid yet (nbf)");
  const issuedAt =
    typeof payload.iat === "number"
      ? payload.iat
      : typeof payload.nbf === "number"
        ? payload.nbf
        : nowSeconds;
  if (payload.exp - issuedAt > MAX_TTL_SECONDS) {
    return {
      ok: false,
      code: TOKEN_TOO_LONG,
      message: "Access Token expiration exceeds the maximum of 24 hours",
    };
  }

  const grants = isObject(payload.grants) ? payload.grants : {};
  const identity = grants.identity;
  if (typeof identity !== "string" || identity.length === 0)
    return invalid("Access Token has no identity");
  return {
    ok: true,
    token: {
      identity,
      accountSid: account.accountSid,
      apiKeySid: key.sid,
      expiresAt: payload.exp * 1000,
      voice: isObject(grants.voice) ? (grants.voice as VoiceGrant) : null,
    },
  };
}

/** Custom parameters of the voice grant's `outgoing.params`, as strings. */
export function grantParams(voice: VoiceGrant | null): Record<string, string> {
  const params = voice?.outgoing?.params;
  if (!isObject(params)) return {};
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

function invalid(message: string): TokenCheck {
  return { ok: false, code: TOKEN_INVALID, message };
}

function decodeJson(part: string): Record<string, unknown> | null {
  const bytes = base64UrlDecode(part);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function base64UrlDecode(part: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(part)) return null;
  return Buffer.from(part, "base64url");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
