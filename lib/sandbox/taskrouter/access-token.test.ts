import { createHmac } from "node:crypto";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { AccessTokenError, verifyAccessToken } from "./access-token";

const account = {
  accountSid: `AC${"a".repeat(32)}`,
  authToken: "b".repeat(32),
  apiKeys: [{ sid: `SK${"c".repeat(32)}`, secret: "s".repeat(32), friendlyName: "main" }],
};
const grant = {
  workspaceSid: `WS${"1".repeat(32)}`,
  workerSid: `WK${"2".repeat(32)}`,
  role: "worker",
};

function token(
  options: {
    ttl?: number;
    nbf?: number;
    secret?: string;
    accountSid?: string;
    keySid?: string;
    withGrant?: boolean;
  } = {},
) {
  const { AccessToken } = twilio.jwt;
  const jwt = new AccessToken(
    options.accountSid ?? account.accountSid,
    options.keySid ?? account.apiKeys[0]!.sid,
    options.secret ?? account.apiKeys[0]!.secret,
    {
      identity: "alice",
      ttl: options.ttl ?? 3600,
      ...(options.nbf !== undefined ? { nbf: options.nbf } : {}),
    },
  );
  if (options.withGrant !== false) jwt.addGrant(new AccessToken.TaskRouterGrant(grant));
  return jwt.toJwt();
}

function codeOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AccessTokenError);
    return (error as AccessTokenError).code;
  }
  return undefined;
}

describe("worker access token verification", () => {
  const now = Date.now();

  it("accepts a token made by twilio-node with a TaskRouterGrant", () => {
    const verified = verifyAccessToken(token(), account, now);
    expect(verified).toMatchObject({
      accountSid: account.accountSid,
      apiKeySid: account.apiKeys[0]!.sid,
      identity: "alice",
      grant: { workspace_sid: grant.workspaceSid, worker_sid: grant.workerSid, role: "worker" },
    });
    expect(verified.expiresAt).toBeGreaterThan(now);
  });

  it("checks the signature against the secret of the API key named by iss", () => {
    expect(codeOf(() => verifyAccessToken(token({ secret: "x".repeat(32) }), account, now))).toBe(
      20101,
    );
    expect(
      codeOf(() => verifyAccessToken(token({ keySid: `SK${"d".repeat(32)}` }), account, now)),
    ).toBe(20101);
    const [header, payload] = token().split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: account.accountSid, exp: 9e9 })).toString("base64url")}.AAAA`;
    expect(codeOf(() => verifyAccessToken(tampered, account, now))).toBe(20101);
  });

  it("requires sub = the account, a live exp, a passed nbf, at most 24 h, and the task_router grant", () => {
    expect(
      codeOf(() => verifyAccessToken(token({ accountSid: `AC${"f".repeat(32)}` }), account, now)),
    ).toBe(20101);
    expect(codeOf(() => verifyAccessToken(token({ ttl: 60 }), account, now + 61_000))).toBe(20104);
    expect(
      codeOf(() => verifyAccessToken(token({ nbf: Math.floor(now / 1000) + 600 }), account, now)),
    ).toBe(20101);
    expect(codeOf(() => verifyAccessToken(token({ ttl: 86_401 }), account, now))).toBe(20157);
    expect(codeOf(() => verifyAccessToken(token({ withGrant: false }), account, now))).toBe(20103);
    expect(codeOf(() => verifyAccessToken("a.b", account, now))).toBe(20101);
  });

  it("refuses other algorithms and content types", () => {
    const sign = (header: object, payload: object) => {
      const h = Buffer.from(JSON.stringify(header)).toString("base64url");
      const p = Buffer.from(JSON.stringify(payload)).toString("base64url");
      const sig = createHmac("sha256", account.apiKeys[0]!.secret)
        .update(`${h}.${p}`)
        .digest("base64url");
      return `${h}.${p}.${sig}`;
    };
    const payload = {
      iss: account.apiKeys[0]!.sid,
      sub: account.accountSid,
      exp: Math.floor(now / 1000) + 60,
      grants: { task_router: { workspace_sid: "WS1", worker_sid: "WK1" } },
    };
    expect(
      verifyAccessToken(sign({ alg: "HS256", typ: "JWT" }, payload), account, now).grant.role,
    ).toBe("worker");
    expect(
      codeOf(() => verifyAccessToken(sign({ alg: "none", typ: "JWT" }, payload), account, now)),
    ).toBe(20101);
    expect(
      codeOf(() => verifyAccessToken(sign({ alg: "HS256", cty: "other" }, payload), account, now)),
    ).toBe(20101);
  });
});
