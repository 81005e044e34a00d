/**
 * Verifies a worker's Access Token the way Twilio does (contract §5): HS256/384/512 signed with
 * the secret of the API key named by `iss`, `sub` = the account, `exp`/`nbf` against the
 * sandbox clock, a lifetime of at most 24 h, and a `task_router` grant.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SandboxAccount } from "../core/types";

export type TaskRouterGrant = { workspace_sid: string; worker_sid: string; role: string };

export type VerifiedToken = {
  accountSid: string;
  apiKeySid: string;
  identity: string | null;
  grant: TaskRouterGrant;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
};

export class AccessTokenError extends Error {
  constructor(
    /** 20101 invalid, 20104 expired, 20157 lifetime over 24 h, 20103 missing/invalid grant (Twilio's codes). */
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "AccessTokenError";
  }
}

const ALGORITHMS: Record<string, string> = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };
const MAX_LIFETIME_SECONDS = 24 * 3600;

function decodeSegment(segment: string): Record<string, unknown> {
  const json = Buffer.from(segment, "base64url").toString("utf8");
  const value: unknown = JSON.parse(json);
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
  return value as Record<string, unknown>;
}

export function verifyAccessToken(
  token: string,
  account: SandboxAccount,
  nowMs: number,
): VerifiedToken {
  const parts = token.split(".");
  if (parts.length !== 3) throw new AccessTokenError(20101, "Invalid Access Token: not a JWT");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodeSegment(headerPart);
    payload = decodeSegment(payloadPart);
  } catch {
    throw new AccessTokenError(20101, "Invalid Access Token: header or payload is not valid JSON");
  }
  const algorithm = typeof header.alg === "string" ? ALGORITHMS[header.alg] : undefined;
  if (!algorithm)
    throw new AccessTokenError(
      20101,
      `Invalid Access Token: unsupported algorithm ${String(header.alg)}`,
    );
  if (header.cty !== undefined && header.cty !== "twilio-fpa;v=1") {
    throw new AccessTokenError(
      20101,
      `Invalid Access Token: content type ${String(header.cty)} is not twilio-fpa;v=1`,
    );
  }
  const apiKeySid = typeof payload.iss === "string" ? payload.iss : "";
  const key = account.apiKeys.find((candidate) => candidate.sid === apiKeySid);
  if (!key)
    throw new AccessTokenError(
      20101,
      `Invalid Access Token: issuer ${apiKeySid || "(none)"} is not an API key of this account`,
    );
  const expected = createHmac(algorithm, key.secret)
    .update(`${headerPart}.${payloadPart}`)
    .digest();
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AccessTokenError(20101, "Invalid Access Token: signature verification failed");
  }
  if (payload.sub !== account.accountSid) {
    throw new AccessTokenError(20101, "Invalid Access Token: subject is not this account");
  }
  const now = Math.floor(nowMs / 1000);
  const exp = typeof payload.exp === "number" ? payload.exp : NaN;
  if (!Number.isFinite(exp))
    throw new AccessTokenError(20104, "Access Token expired or expiration date invalid");
  if (exp <= now)
    throw new AccessTokenError(20104, "Access Token expired or expiration date invalid");
  const iat = typeof payload.iat === "number" ? payload.iat : now;
  if (exp - iat > MAX_LIFETIME_SECONDS)
    throw new AccessTokenError(20157, "Expiration Time Exceeds Maximum");
  if (typeof payload.nbf === "number" && payload.nbf > now) {
    throw new AccessTokenError(20101, "Invalid Access Token: not valid yet (nbf)");
  }
  const grants = payload.grants as Record<string, unknown> | undefined;
  const grant = grants?.task_router as Partial<TaskRouterGrant> | undefined;
  if (!grant || typeof grant.workspace_sid !== "string" || typeof grant.worker_sid !== "string") {
    throw new AccessTokenError(
      20103,
      "Invalid Access Token: it has no task_router grant with workspace_sid and worker_sid",
    );
  }
  return {
    accountSid: account.accountSid,
    apiKeySid,
    identity: typeof grants?.identity === "string" ? grants.identity : null,
    grant: {
      workspace_sid: grant.workspace_sid,
      worker_sid: grant.worker_sid,
      role: typeof grant.role === "string" ? grant.role : "worker",
    },
    expiresAt: exp * 1000,
  };
}
