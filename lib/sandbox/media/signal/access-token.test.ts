import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import twilio from "twilio";
import {
  grantParams,
  TOKEN_EXPIRED,
  TOKEN_INVALID,
  TOKEN_TOO_LONG,
  verifyAccessToken,
} from "./access-token";

const account = {
  accountSid: "AC" + "a".repeat(32),
  authToken: "b".repeat(32),
  apiKeys: [{ sid: "SK" + "c".repeat(32), secret: "d".repeat(32), friendlyName: "sandbox" }],
};
const key = account.apiKeys[0]!;

function voiceToken(
  options: {
    ttl?: number;
    nbf?: number;
    identity?: string;
    secret?: string;
    sid?: string;
    accountSid?: string;
    incoming?: boolean;
    app?: string;
  } = {},
) {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(
    options.accountSid ?? account.accountSid,
    options.sid ?? key.sid,
    options.secret ?? key.secret,
    {
      identity: options.identity ?? "alice",
      ttl: options.ttl ?? 3600,
      nbf: options.nbf,
    },
  );
  token.addGrant(
    new AccessToken.VoiceGrant({
      incomingAllow: options.incoming ?? true,
      outgoingApplicationSid: options.app ?? "AP" + "e".repeat(32),
      outgoingApplicationParams: { team: "sales" },
    }),
  );
  return token.toJwt();
}

describe("verifyAccessToken", () => {
  it("accepts a twilio-node Voice token and reads identity, expiry and grants", () => {
    const result = verifyAccessToken(voiceToken(), account, Date.now());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token.identity).toBe("alice");
    expect(result.token.apiKeySid).toBe(key.sid);
    expect(result.token.voice?.incoming?.allow).toBe(true);
    expect(result.token.voice?.outgoing?.application_sid).toBe("AP" + "e".repeat(32));
    expect(grantParams(result.token.voice)).toEqual({ team: "sales" });
    expect(result.token.expiresAt).toBeGreaterThan(Date.now());
  });

  it("refuses an expired token with 31205 (the SDK's AccessTokenExpired)", () => {
    const jwt = voiceToken({ ttl: 60 });
    const result = verifyAccessToken(jwt, account, Date.now() + 61_000);
    expect(result).toMatchObject({ ok: false, code: TOKEN_EXPIRED });
  });

  it("refuses a wrong signature, an unknown key, another account and garbage with 31204", () => {
    const cases = [
      voiceToken({ secret: "x".repeat(32) }),
      voiceToken({ sid: "SK" + "f".repeat(32) }),
      voiceToken({ accountSid: "AC" + "0".repeat(32) }),
      "not-a-jwt",
      "a.b.c",
      "",
    ];
    for (const jwt of cases)
      expect(verifyAccessToken(jwt, account, Date.now())).toMatchObject({
        ok: false,
        code: TOKEN_INVALID,
      });
  });

  it("refuses a token used before nbf, one longer than 24 h, and one without cty", () => {
    expect(
      verifyAccessToken(
        voiceToken({ nbf: Math.floor(Date.now() / 1000) + 600 }),
        account,
        Date.now(),
      ),
    ).toMatchObject({ ok: false, code: TOKEN_INVALID });
    expect(verifyAccessToken(voiceToken({ ttl: 86_401 }), account, Date.now())).toMatchObject({
      ok: false,
      code: TOKEN_TOO_LONG,
    });
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({
        iss: key.sid,
        sub: account.accountSid,
        exp: Math.floor(Date.now() / 1000) + 60,
        grants: { identity: "bob" },
      }),
    ).toString("base64url");
    const signature = createHmac("sha256", key.secret)
      .update(`${header}.${payload}`)
      .digest("base64url");
    expect(
      verifyAccessToken(`${header}.${payload}.${signature}`, account, Date.now()),
    ).toMatchObject({ ok: false, code: TOKEN_INVALID, message: expect.stringMatching(/cty/) });
  });

  it("refuses a token with a tampered payload", () => {
    const [h, , s] = voiceToken().split(".");
    const forged = Buffer.from(
      JSON.stringify({
        iss: key.sid,
        sub: account.accountSid,
        exp: 9_999_999_999,
        grants: { identity: "mallory" },
      }),
    ).toString("base64url");
    expect(verifyAccessToken(`${h}.${forged}.${s}`, account, Date.now())).toMatchObject({
      ok: false,
      code: TOKEN_INVALID,
    });
  });
});
