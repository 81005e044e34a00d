import { describe, expect, it } from "vitest";
import { decodeJwt, verifyHs256 } from "@/tests/support/jwt";
import { createVideoToken, createVoiceToken, createWorkerToken, MIN_TOKEN_TTL_SECONDS, TOKEN_TTL_SECONDS } from "./tokens";

const signer = { accountSid: "AC0123456789abcdef0123456789abcdef", apiKeySid: "SK0123456789abcdef0123456789abcdef", apiKeySecret: "secret-secret-secret-secret-0000" };

function checkEnvelope(token: string, identity: string) {
  expect(verifyHs256(token, signer.apiKeySecret)).toBe(true);
  expect(verifyHs256(token, "another-secret-another-secret-00")).toBe(false);
  const { header, payload } = decodeJwt(token);
  expect(header).toEqual({ alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1" });
  expect(payload.iss).toBe(signer.apiKeySid);
  expect(payload.sub).toBe(signer.accountSid);
  expect(payload.jti).toMatch(new RegExp(`^${signer.apiKeySid}-\\d+$`));
  expect(payload.exp - payload.iat).toBe(TOKEN_TTL_SECONDS);
  expect(payload.exp - payload.iat).toBeLessThanOrEqual(3600);
  expect(payload.grants.identity).toBe(identity);
  return payload.grants;
}

describe("access tokens", () => {
  it("voice: incoming allowed, outgoing through the TwiML App", () => {
    const issued = createVoiceToken(signer, "alice", "AP0123456789abcdef0123456789abcdef");
    const grants = checkEnvelope(issued.token, "alice");
    expect(grants.voice).toEqual({ incoming: { allow: true }, outgoing: { application_sid: "AP0123456789abcdef0123456789abcdef" } });
    expect(new Date(issued.expiresAt).getTime()).toBe(decodeJwt(issued.token).payload.exp * 1000);
  });

  it("taskrouter: the user's own worker with the given role", () => {
    const grants = checkEnvelope(createWorkerToken(signer, "sam", "WS0123456789abcdef0123456789abcdef", "WK0123456789abcdef0123456789abcdef", "supervisor").token, "sam");
    expect(grants.task_router).toEqual({ workspace_sid: "WS0123456789abcdef0123456789abcdef", worker_sid: "WK0123456789abcdef0123456789abcdef", role: "supervisor" });
  });

  it("video: one room", () => {
    const grants = checkEnvelope(createVideoToken(signer, "bob", "insp-abc123").token, "bob");
    expect(grants.video).toEqual({ room: "insp-abc123" });
  });

  it("lives as long as asked, within 30 s to 1 h", () => {
    const now = Date.now();
    const issued = createVoiceToken(signer, "alice", "AP0123456789abcdef0123456789abcdef", { ttlSeconds: 45, now });
    const { payload } = decodeJwt(issued.token);
    expect(payload.exp - payload.iat).toBe(45);
    expect(new Date(issued.expiresAt).getTime()).toBe((Math.floor(now / 1000) + 45) * 1000);
    const worker = decodeJwt(createWorkerToken(signer, "bob", "WS0123456789abcdef0123456789abcdef", "WK0123456789abcdef0123456789abcdef", "worker", { ttlSeconds: MIN_TOKEN_TTL_SECONDS }).token);
    expect(worker.payload.exp - worker.payload.iat).toBe(MIN_TOKEN_TTL_SECONDS);
    expect(() => createVoiceToken(signer, "alice", "AP0123456789abcdef0123456789abcdef", { ttlSeconds: MIN_TOKEN_TTL_SECONDS - 1 })).toThrow(RangeError);
    expect(() => createVoiceToken(signer, "alice", "AP0123456789abcdef0123456789abcdef", { ttlSeconds: TOKEN_TTL_SECONDS + 1 })).toThrow(RangeError);
  });
});
