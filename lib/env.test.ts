import { describe, expect, it } from "vitest";
import { assertRunnable, EnvError, parseEnv } from "./env";

const TWILIO = {
  TWILIO_ACCOUNT_SID: "AC" + "a".repeat(32),
  TWILIO_AUTH_TOKEN: "b".repeat(32),
  TWILIO_API_KEY_SID: "SK" + "c".repeat(32),
  TWILIO_API_KEY_SECRET: "secretsecretsecretsecret",
  TWILIO_TWIML_APP_SID: "AP" + "d".repeat(32),
  TWILIO_WORKSPACE_SID: "WS" + "e".repeat(32),
  TWILIO_PHONE_NUMBER: "+15005550006",
  PUBLIC_BASE_URL: "https://switchboard.example.com/",
};

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("parseEnv", () => {
  it("defaults to sandbox mode with local URLs", () => {
    const env = parseEnv({});
    expect(env.mode).toBe("sandbox");
    expect(env.twilio).toBeNull();
    expect(env.PUBLIC_BASE_URL).toBe("http://localhost:3000");
    expect(env.SANDBOX_URL).toBe("http://127.0.0.1:3100");
  });

  it("switches to Twilio mode when every credential is set", () => {
    const env = parseEnv(TWILIO);
    expect(env.mode).toBe("twilio");
    expect(env.twilio?.accountSid).toBe(TWILIO.TWILIO_ACCOUNT_SID);
    expect(env.PUBLIC_BASE_URL).toBe("https://switchboard.example.com");
  });

  it("names the missing variables of a half-configured Twilio mode", () => {
    const found = problems(() => parseEnv({ TWILIO_ACCOUNT_SID: TWILIO.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TWILIO.TWILIO_AUTH_TOKEN }));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/half-configured/);
    expect(found[0]).toContain("TWILIO_API_KEY_SID");
    expect(found[0]).toContain("TWILIO_WORKSPACE_SID");
    expect(found[0]).not.toMatch(/TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN missing/);
    expect(found[1]).toMatch(/PUBLIC_BASE_URL is required/);
  });

  it("rejects malformed values with readable messages", () => {
    const found = problems(() => parseEnv({ ...TWILIO, TWILIO_ACCOUNT_SID: "AC123", TWILIO_PHONE_NUMBER: "555-1234" }));
    expect(found.join("\n")).toMatch(/TWILIO_ACCOUNT_SID: .*32 hex/);
    expect(found.join("\n")).toMatch(/TWILIO_PHONE_NUMBER: .*E\.164/);
  });

  it("bounds the agent token lifetime: one hour by default, 30 s to 1 h when set", () => {
    expect(parseEnv({}).AGENT_TOKEN_TTL_SECONDS).toBe(3600);
    expect(parseEnv({ AGENT_TOKEN_TTL_SECONDS: "30" }).AGENT_TOKEN_TTL_SECONDS).toBe(30);
    expect(problems(() => parseEnv({ AGENT_TOKEN_TTL_SECONDS: "10" })).join("\n")).toMatch(/AGENT_TOKEN_TTL_SECONDS: .*at least 30/);
    expect(problems(() => parseEnv({ AGENT_TOKEN_TTL_SECONDS: "7200" })).join("\n")).toMatch(/AGENT_TOKEN_TTL_SECONDS: .*at most 3600/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ TWILIO_ACCOUNT_SID: "", DATABASE_URL: "" }).mode).toBe("sandbox");
  });
});

describe("assertRunnable", () => {
  it("refuses the sandbox as a production server unless explicitly allowed", () => {
    expect(problems(() => assertRunnable(parseEnv({ NODE_ENV: "production" })))[0]).toMatch(/Refusing to run the sandbox/);
    expect(() => assertRunnable(parseEnv({ NODE_ENV: "production", ALLOW_SANDBOX_IN_PRODUCTION: "true" }))).not.toThrow();
    expect(() => assertRunnable(parseEnv({ ...TWILIO, NODE_ENV: "production" }))).not.toThrow();
    expect(() => assertRunnable(parseEnv({ NODE_ENV: "development" }))).not.toThrow();
  });
});
