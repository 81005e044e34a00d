import { describe, expect, it } from "vitest";
import { rewriteForSandbox, SandboxHostError, SwitchboardHttpClient } from "./http-client";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isIdempotentRequest, shouldRetryError, shouldRetryStatus } from "./retry-policy";

class TestClient extends SwitchboardHttpClient {
  calls: { method: string; uri: string }[] = [];
  constructor(private readonly script: Array<number | Error>, sandboxUrl?: string) {
    super({ sandboxUrl, sleep: async () => {}, retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 100 } });
  }
  protected override send = (async (opts: { method: string; uri: string }) => {
    this.calls.push({ method: opts.method, uri: opts.uri });
    const next = this.script.shift() ?? 200;
    if (next instanceof Error) throw next;
    return { statusCode: next, body: {}, headers: {} };
  }) as unknown as SwitchboardHttpClient["send"];
}

const netError = (code: string) => Object.assign(new Error(code), { code });
const CALL = "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CA0123456789abcdef0123456789abcdef.json";
const CALLS = "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json";

describe("sandbox host rewrite", () => {
  it("maps api, taskrouter and video onto the sandbox", () => {
    expect(rewriteForSandbox(CALLS, "http://127.0.0.1:3100")).toBe("http://127.0.0.1:3100/api/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json");
    expect(rewriteForSandbox("https://taskrouter.twilio.com/v1/Workspaces?FriendlyName=x", "http://127.0.0.1:3100/")).toBe("http://127.0.0.1:3100/taskrouter/v1/Workspaces?FriendlyName=x");
    expect(rewriteForSandbox("https://video.twilio.com/v1/Rooms", "http://h:1")).toBe("http://h:1/video/v1/Rooms");
  });

  it("refuses every other Twilio host in sandbox mode", () => {
    expect(() => rewriteForSandbox("https://messaging.twilio.com/v1/Services", "http://h:1")).toThrow(SandboxHostError);
    expect(() => rewriteForSandbox("https://api.us1.twilio.com/2010-04-01/Accounts", "http://h:1")).toThrow(SandboxHostError);
    expect(() => rewriteForSandbox("https://example.com/x", "http://h:1")).toThrow(SandboxHostError);
  });

  it("sends the rewritten URL and never the real host", async () => {
    const client = new TestClient([200], "http://127.0.0.1:3100");
    await client.request({ method: "get", uri: CALLS });
    expect(client.calls.map((c) => c.uri)).toEqual(["http://127.0.0.1:3100/api/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json"]);
    await expect(client.request({ method: "get", uri: "https://conversations.twilio.com/v1/x" })).rejects.toThrow(SandboxHostError);
    expect(client.calls).toHaveLength(1);
  });
});

describe("retry policy", () => {
  it("retries 429 and 503 on any request, other 5xx only when repeating is safe", () => {
    expect(shouldRetryStatus(429, "post", CALLS)).toBe(true);
    expect(shouldRetryStatus(503, "post", CALLS)).toBe(true);
    expect(shouldRetryStatus(500, "post", CALLS)).toBe(false);
    expect(shouldRetryStatus(500, "post", CALL)).toBe(true);
    expect(shouldRetryStatus(502, "get", CALLS)).toBe(true);
    expect(shouldRetryStatus(412, "post", CALL)).toBe(false);
    expect(shouldRetryStatus(404, "get", CALL)).toBe(false);
  });

  it("retries network resets on safe requests, and on creates only when nothing was sent", () => {
    expect(shouldRetryError(netError("ECONNRESET"), "get", CALL)).toBe(true);
    expect(shouldRetryError(netError("ECONNRESET"), "post", CALLS)).toBe(false);
    expect(shouldRetryError(netError("ECONNREFUSED"), "post", CALLS)).toBe(true);
    expect(shouldRetryError(new Error("boom"), "get", CALL)).toBe(false);
    expect(isIdempotentRequest("delete", CALL)).toBe(true);
  });

  it("backs off with full jitter under a cap", () => {
    expect(backoffDelayMs(0, DEFAULT_RETRY_POLICY, () => 0.999)).toBeLessThan(DEFAULT_RETRY_POLICY.baseDelayMs);
    expect(backoffDelayMs(10, DEFAULT_RETRY_POLICY, () => 0.999)).toBeLessThan(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it("retries a 429 then succeeds, and stops at the cap", async () => {
    const ok = new TestClient([429, 503, 200]);
    expect((await ok.request({ method: "post", uri: CALLS })).statusCode).toBe(200);
    expect(ok.calls).toHaveLength(3);
    const capped = new TestClient([429, 429, 429, 429, 429]);
    expect((await capped.request({ method: "post", uri: CALLS })).statusCode).toBe(429);
    expect(capped.calls).toHaveLength(4);
  });

  it("does not repeat a create after a connection reset", async () => {
    const client = new TestClient([netError("ECONNRESET")]);
    await expect(client.request({ method: "post", uri: CALLS })).rejects.toThrow("ECONNRESET");
    expect(client.calls).toHaveLength(1);
    const update = new TestClient([netError("ECONNRESET"), 200]);
    expect((await update.request({ method: "post", uri: CALL })).statusCode).toBe(200);
  });
});
