import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { credentialsPath, loadOrCreateCredentials } from "../core/credentials";
import { control, placeCall, routeNumber, twiml } from "../testing/scenario";
import { quietLogger, startTestSandbox, type TestSandbox } from "../testing/test-sandbox";
import { sandboxTwilioClient } from "../testing/twilio-client";
import { startSandbox } from "./start";

describe("sandbox process and control API", () => {
  let s: TestSandbox | undefined;
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-test-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await s?.close();
    s = undefined;
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("streams state changes over SSE and serves the console state", async () => {
    s = await startTestSandbox();
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () => twiml(`<Say>Hello</Say>`));
    const controller = new AbortController();
    const res = await fetch(`${s.url}/sandbox/events`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    const sid = await placeCall(s);
    while (!text.includes("event: webhook.logged") || !text.includes("event: call.updated")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain("event: hello");
    expect(text).toContain(sid);
    const state = await control<{
      modules: { voice: { calls: { sid: string }[] } };
      webhooks: { verdict: { signatureValid: boolean } }[];
      clock: { mode: string };
    }>(s, "/sandbox/state", undefined, "GET");
    expect(state.modules.voice.calls.map((c) => c.sid)).toContain(sid);
    expect(state.webhooks.every((w) => w.verdict.signatureValid)).toBe(true);
    expect(state.clock.mode).toBe("manual");
    const log = await control<{ webhooks: { resourceSid: string; kind: string }[] }>(
      s,
      `/sandbox/webhooks?resourceSid=${sid}`,
      undefined,
      "GET",
    );
    expect(log.webhooks.map((w) => w.kind)).toEqual(["voice"]);
  });

  it("controls the clock and answers CORS preflights for the console", async () => {
    s = await startTestSandbox();
    const before = await control<{ now: number; mode: string }>(
      s,
      "/sandbox/clock",
      undefined,
      "GET",
    );
    const after = await control<{ now: number }>(s, "/sandbox/clock", { advanceMs: 60_000 });
    expect(after.now - before.now).toBe(60_000);
    await expect(control(s, "/sandbox/clock", { advanceMs: -1 })).rejects.toMatchObject({
      status: 400,
    });
    const preflight = await fetch(`${s.url}/sandbox/reset`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("logs requests to routes it does not emulate as unsupported, with Twilio's 404 body", async () => {
    s = await startTestSandbox();
    const res = await fetch(
      `${s.url}/api/2010-04-01/Accounts/${s.credentials.accountSid}/SIP/Domains.json`,
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 20404,
      status: 404,
      more_info: "https://www.twilio.com/docs/errors/20404",
    });
    expect(s.sandbox.debugger.list().at(-1)).toMatchObject({ level: "unsupported" });
  });

  it("keeps credentials and state across restarts", async () => {
    const dataDir = tmp();
    const first = loadOrCreateCredentials(dataDir);
    expect(fs.statSync(credentialsPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateCredentials(dataDir)).toEqual(first);
    const one = await startSandbox({
      port: 0,
      appUrl: "http://localhost:1",
      dataDir,
      persist: true,
      clockMode: "manual",
      log: quietLogger,
    });
    const app = await sandboxTwilioClient(one.url, first).applications.create({
      friendlyName: "kept",
    });
    await one.close();
    const two = await startSandbox({
      port: 0,
      appUrl: "http://localhost:1",
      dataDir,
      persist: true,
      clockMode: "manual",
      log: quietLogger,
    });
    try {
      expect(two.credentials).toEqual(first);
      expect(
        (await sandboxTwilioClient(two.url, first).applications(app.sid).fetch()).friendlyName,
      ).toBe("kept");
    } finally {
      await two.close();
    }
  });

  it("refuses to start when real Twilio credentials are configured", () => {
    const result = spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["lib/sandbox/server/main.ts", "--port", "0", "--data-dir", tmp()],
      {
        env: { ...process.env, TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}` },
        encoding: "utf-8",
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refuses to start/);
    // Starting tsx takes seconds on a loaded machine; the spawn has its own 60 s limit.
  }, 60_000);
});
