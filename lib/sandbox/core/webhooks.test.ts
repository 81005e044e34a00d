import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClock } from "./clock";
import { createDebugger, type DebuggerStore } from "./debugger";
import { createWebhookClient } from "./webhooks";
import type { SandboxClock } from "./types";
import { startWebhookRecorder, type WebhookRecorder } from "../testing/webhook-recorder";

const TOKEN = "0123456789abcdef0123456789abcdef";

describe("webhook delivery", () => {
  let app: WebhookRecorder;
  let clock: SandboxClock;
  let feed: DebuggerStore;
  let client: ReturnType<typeof createWebhookClient>;
  const events: { type: string; data: unknown }[] = [];

  beforeEach(async () => {
    app = await startWebhookRecorder(() => TOKEN);
    clock = createClock({ mode: "manual", start: Date.UTC(2026, 0, 1), stallMs: 100 });
    feed = createDebugger({ clock, emit: () => {} });
    client = createWebhookClient({
      account: () => ({ accountSid: "AC" + "1".repeat(32), authToken: TOKEN, apiKeys: [] }),
      clock,
      debugger: feed,
      emit: (type, data) => events.push({ type, data }),
    });
  });
  afterEach(async () => {
    await app.close();
    clock.close();
  });

  it("POSTs form params signed so that twilio.validateRequest accepts them, with Twilio's headers", async () => {
    app.on("/voice", () => "<Response><Say>Hi</Say></Response>");
    const result = await client.send({
      kind: "voice",
      url: `${app.url}/voice?tenant=a`,
      params: {
        CallSid: "CA1",
        From: "+12025550111",
        To: "+12025550100",
        Body: "It's amazing",
        Multi: ["b", "a"],
      },
      resourceSid: "CA1",
    });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      contentType: "text/xml",
      usedFallback: false,
    });
    expect(result.body).toContain("<Say>");
    const [hook] = app.requests;
    expect(hook!.signatureValid).toBe(true);
    expect(hook!.headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=UTF-8");
    expect(hook!.headers["user-agent"]).toBe("TwilioProxy/1.1");
    expect(hook!.idempotencyToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(hook!.multi.Multi).toEqual(["b", "a"]);
    const entry = client.log.get(result.logId)!;
    expect(entry.verdict).toEqual({ accepted: true, note: undefined, signatureValid: true });
    expect(entry.response?.status).toBe(200);
    expect(events.some((e) => e.type === "webhook.logged")).toBe(true);
  });

  it("puts GET params in the query string and signs the URL alone", async () => {
    app.on("/status", () => ({ status: 204 }));
    await client.send({
      kind: "voice-status",
      method: "GET",
      url: `${app.url}/status?x=1`,
      params: { CallSid: "CA2", CallStatus: "completed" },
    });
    const [hook] = app.requests;
    expect(hook!.method).toBe("GET");
    expect(hook!.params).toMatchObject({ x: "1", CallSid: "CA2", CallStatus: "completed" });
    expect(hook!.signatureValid).toBe(true);
  });

  it("does not sign or send the #fragment, and retries a 5xx with the same idempotency token when rp says so", async () => {
    let calls = 0;
    app.on("/flaky", () => (++calls === 1 ? { status: 503 } : "<Response/>"));
    const result = await client.send({
      kind: "voice",
      url: `${app.url}/flaky#rp=5xx&rc=2`,
      params: { CallSid: "CA3" },
    });
    expect(result.ok).toBe(true);
    expect(app.requests).toHaveLength(2);
    expect(app.requests.every((r) => r.signatureValid)).toBe(true);
    expect(app.requests[0]!.idempotencyToken).toBe(app.requests[1]!.idempotencyToken);
    expect(client.log.get(result.logId)!.attempts.map((a) => a.status)).toEqual([503, 200]);
  });

  it("does not retry a 5xx by default, reports 11200 and then uses the fallback URL", async () => {
    app.on("/broken", () => ({ status: 500, body: "boom" }));
    app.on("/fallback", () => "<Response><Say>Fallback</Say></Response>");
    const result = await client.send({
      kind: "voice",
      url: `${app.url}/broken`,
      fallbackUrl: `${app.url}/fallback`,
      params: { CallSid: "CA4" },
      resourceSid: "CA4",
    });
    expect(result).toMatchObject({ ok: true, usedFallback: true, status: 200 });
    expect(app.to("/broken")).toHaveLength(1);
    expect(app.to("/fallback")[0]!.signatureValid).toBe(true);
    expect(app.to("/fallback")[0]!.idempotencyToken).not.toBe(
      app.to("/broken")[0]!.idempotencyToken,
    );
    expect(feed.list()).toEqual([
      expect.objectContaining({ level: "error", code: 11200, resourceSid: "CA4" }),
    ]);
  });

  it("retries a refused connection once (rp=ct default) and reports 11205", async () => {
    const closed = `http://127.0.0.1:1/hook`;
    const result = await client.send({ kind: "voice", url: closed, params: {} });
    expect(result).toMatchObject({ ok: false, status: null, errorCode: 11205 });
    expect(client.log.get(result.logId)!.attempts).toHaveLength(2);
  });

  it("gives up on an app that never answers after the 15 s voice cap, on the sandbox clock", async () => {
    app.on("/slow", () => ({ hang: true }));
    const pending = client.send({ kind: "voice", url: `${app.url}/slow#rt=15000`, params: {} });
    let settled = false;
    void pending.then(() => (settled = true));
    await clock.advance(14_999);
    expect(settled).toBe(false);
    await clock.advance(1);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, errorCode: 11205 });
    expect(client.log.get(result.logId)!.attempts[0]!.failure).toBe("rt");
  });

  it("gives the TaskRouter assignment callback 5 s and requires JSON", async () => {
    app.on("/assign", () => ({ status: 200, contentType: "text/plain", body: "accept" }));
    const wrongType = await client.send({
      kind: "taskrouter-assignment",
      url: `${app.url}/assign`,
      params: {},
    });
    expect(wrongType.ok).toBe(false);
    app.on("/assign", () => ({ hang: true }));
    const pending = client.send({
      kind: "taskrouter-assignment",
      url: `${app.url}/assign`,
      params: {},
    });
    await clock.advance(5000);
    expect((await pending).ok).toBe(false);
  });

  it("never contacts a *.twilio.com host", async () => {
    const result = await client.send({
      kind: "voice",
      url: "https://demo.twilio.com/welcome/voice/",
      params: {},
    });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(client.log.get(result.logId)!.attempts).toHaveLength(1);
    expect(feed.list()[0]!.message).toMatch(/twilio\.com/);
  });

  it("warns when a status callback answers with something other than 204 or empty TwiML", async () => {
    app.on("/status", () => ({ status: 200, contentType: "text/html", body: "<html>ok</html>" }));
    const result = await client.send({
      kind: "voice-status",
      url: `${app.url}/status`,
      params: {},
    });
    expect(result.ok).toBe(true);
    expect(feed.list()).toEqual([expect.objectContaining({ level: "warning" })]);
  });

  it("logs unsupported fragment keys instead of silently ignoring them", async () => {
    app.on("/x", () => ({ status: 204 }));
    await client.send({ kind: "messaging-status", url: `${app.url}/x#e=dublin&sni=n`, params: {} });
    expect(
      feed
        .list()
        .filter((e) => e.level === "unsupported")
        .map((e) => e.message),
    ).toHaveLength(2);
  });
});
