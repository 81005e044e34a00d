import "server-only";
/**
 * Invite link tokens: `<inviteId>.<inspectionId>.<expiresAt seconds>.<HMAC-SHA256>` signed with
 * AUTH_SECRET. The signature binds the link to one invite, one inspection (so one room) and its
 * expiry; the database keeps only the token's SHA-256, so a revoked or used-up invite is refused
 * even when the signature is valid.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { requireEnv } from "@/lib/env";

export interface InviteClaims {
  inviteId: string;
  inspectionId: string;
  expiresAt: Date;
}

function signature(payload: string): string {
  return createHmac("sha256", requireEnv("AUTH_SECRET")).update(`invite:${payload}`).digest("base64url");
}

export function signInviteToken(claims: InviteClaims): string {
  const payload = `${claims.inviteId}.${claims.inspectionId}.${Math.floor(claims.expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(payload)}`;
}

/** The claims of a correctly signed token (expired or not), or null. */
export function verifyInviteToken(token: string): InviteClaims | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [inviteId, inspectionId, exp, given] = parts as [string, string, string, string];
  if (!/^[a-z0-9]{8,40}$/i.test(inviteId) || !/^[a-z0-9]{8,40}$/i.test(inspectionId) || !/^\d{1,12}$/.test(exp)) return null;
  const expected = Buffer.from(signature(`${inviteId}.${inspectionId}.${exp}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { inviteId, inspectionId, expiresAt: new Date(Number(exp) * 1000) };
}

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
