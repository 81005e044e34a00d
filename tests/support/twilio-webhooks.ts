/** Signed Twilio webhook requests for route-handler tests, exactly as Twilio sends them. */
import { randomBytes, randomUUID } from "node:crypto";
import { computeTwilioSignature } from "@/lib/server/twilio/signature";
import { TEST_AUTH_TOKEN, TEST_ACCOUNT_SID } from "./test-credentials";

export const PUBLIC_BASE = "http://localhost:3000";

export const sid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

export interface SignedRequestOptions {
  /** Defaults to a fresh token; pass the same one to simulate a retry. */
  idempotencyToken?: string | null;
  /** Override the signature (forged) or drop it (null). */
  signature?: string | null;
  /** The URL the signature covers when it differs from the one requested (wrong URL). */
  signedUrl?: string;
  /** The internal URL the request arrives at (behind a proxy). */
  internalBase?: string;
  authToken?: string;
}

export function signedRequest(pathAndQuery: string, params: Record<string, string>, options: SignedRequestOptions = {}): Request {
  const publicUrl = `${PUBLIC_BASE}${pathAndQuery}`;
  const signature =
    options.signature === undefined
      ? computeTwilioSignature(options.authToken ?? TEST_AUTH_TOKEN, options.signedUrl ?? publicUrl, params)
      : options.signature;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
    "user-agent": "TwilioProxy/1.1",
  };
  if (signature !== null) headers["x-twilio-signature"] = signature;
  const token = options.idempotencyToken === undefined ? randomUUID() : options.idempotencyToken;
  if (token) headers["i-twilio-idempotency-token"] = token;
  return new Request(`${options.internalBase ?? PUBLIC_BASE}${pathAndQuery}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(params).toString(),
  });
}

export type VoiceParams = Record<string, string> & { AccountSid: string; CallSid: string; From: string; To: string };

export function voiceParams(overrides: Record<string, string> = {}): VoiceParams {
  return {
    AccountSid: TEST_ACCOUNT_SID,
    ApiVersion: "2010-04-01",
    CallSid: sid("CA"),
    CallStatus: "ringing",
    Direction: "inbound",
    From: "+12025550111",
    To: "+12025550100",
    Caller: "+12025550111",
    Called: "+12025550100",
    ...overrides,
  };
}
