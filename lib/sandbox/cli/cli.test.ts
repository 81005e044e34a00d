import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeNumber, twiml } from "../testing/scenario";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";
import { CliError, parseDuration, runCli } from "./cli";

describe("sandbox CLI", () => {
  let s: TestSandbox;
  const out: string[] = [];
  const cli = async (...argv: string[]) => {
    out.length = 0;
    await runCli(argv, { baseUrl: s.url, print: (line) => out.push(line) });
    await s.settle();
    return out.join("\n");
  };
  beforeAll(async () => {
    s = await startTestSandbox();
    await routeNumber(s, { voice: "/voice", sms: "/sms" });
    s.app.on("/voice", () =>
      twiml(`<Gather input="dtmf speech" action="/got"><Say>Hi</Say></Gather>`),
    );
    s.app.on("/got", () => twiml(`<Pause length="60"/>`));
  });
  afterAll(async () => {
    await s.close();
  });

  it("places a call, presses keys on the last call, says text and hangs up", async () => {
    const placed = await cli("call", "+12025550111");
    const sid = /^(CA[0-9a-f]{32})/.exec(placed)![1]!;
    expect(placed).toContain("+12025550111 → +12025550100");
    await cli("press", "last", "42#");
    expect(s.app.to("/got")[0]!.params.Digits).toBe("42");
    expect(await cli("calls")).toMatch(new RegExp(`${sid}.*in-progress`));
    await cli("hangup", "last");
    expect((await s.client.calls(sid).fetch()).status).toBe("completed");
    await expect(cli("hangup", "last")).rejects.toThrow(CliError);
  });

  it("texts the business number and advances the clock", async () => {
    const sent = await cli("sms", "+12025550111", "hello", "there");
    expect(sent).toMatch(/^SM[0-9a-f]{32}/);
    expect(s.app.to("/sms")[0]!.params.Body).toBe("hello there");
    const before = s.sandbox.ctx.clock.now();
    await cli("advance", "90s");
    expect(s.sandbox.ctx.clock.now() - before).toBe(90_000);
    expect(await cli("webhooks")).toMatch(/accepted +signature valid/);
    expect(await cli("messages")).toContain('"hello there"');
  });

  it("answers the ringing client: leg", async () => {
    s.app.on("/agent", () => twiml(`<Pause length="60"/>`));
    const call = await s.client.calls.create({
      to: "client:alice",
      from: s.credentials.phoneNumber,
      url: `${s.app.url}/agent`,
    });
    await s.settle();
    expect((await s.client.calls(call.sid).fetch()).status).toBe("ringing");
    expect(await cli("answer", "ringing")).toBe(`answered ${call.sid}`);
    expect((await s.client.calls(call.sid).fetch()).status).toBe("in-progress");
    await expect(cli("answer", "ringing")).rejects.toThrow(/No ringing client/);
  });

  it("resets and shows usage for unknown commands", async () => {
    await cli("reset");
    expect((await s.client.messages.list()).length).toBe(0);
    await expect(cli("dance")).rejects.toThrow(/Unknown command/);
    expect(await cli("help")).toContain("advance <duration>");
  });

  it("parses durations", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1500ms")).toBe(1500);
    expect(parseDuration("5")).toBe(5000);
    expect(() => parseDuration("soon")).toThrow(CliError);
  });
});
