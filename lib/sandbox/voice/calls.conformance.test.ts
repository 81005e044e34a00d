/**
 * Conformance: calls, status callbacks and the TwiML interpreter, driven through the unmodified
 * twilio client and a recorder app that validates every webhook signature. Written against
 * Twilio's contract (docs/twilio-contract.md §2, §3, §7); time moves only on the manual clock.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { control, hangup, placeCall, press, routeNumber, say, twiml } from "../testing/scenario";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";

describe("voice: calls and TwiML", () => {
  let s: TestSandbox;
  beforeEach(async () => {
    s = await startTestSandbox();
  });
  afterEach(async () => {
    await s.close();
  });

  const fetchCall = (sid: string) => s.client.calls(sid).fetch();

  it("runs an inbound call: ringing webhook, Gather digits, action, hang-up, completed status callback", async () => {
    await routeNumber(s, { voice: "/voice", status: "/status" });
    s.app.on("/voice", () =>
      twiml(
        `<Gather numDigits="1" action="/menu" timeout="5"><Say>Press 1 for sales</Say></Gather><Say>Goodbye</Say>`,
      ),
    );
    s.app.on("/menu", (hook) => twiml(`<Say>You chose ${hook.params.Digits}</Say><Hangup/>`));
    const sid = await placeCall(s);
    const [first] = s.app.to("/voice");
    expect(first!.signatureValid).toBe(true);
    expect(first!.params).toMatchObject({
      CallSid: sid,
      CallStatus: "ringing",
      Direction: "inbound",
      From: "+12025550111",
      To: "+12025550100",
      Caller: "+12025550111",
      Called: "+12025550100",
      ApiVersion: "2010-04-01",
      AccountSid: s.credentials.accountSid,
    });
    expect((await fetchCall(sid)).status).toBe("in-progress");
    await press(s, sid, "1");
    const [menu] = s.app.to("/menu");
    expect(menu!.params).toMatchObject({
      Digits: "1",
      CallStatus: "in-progress",
      FinishedOnKey: "",
    });
    await s.advance(10_000);
    const call = await fetchCall(sid);
    expect(call.status).toBe("completed");
    expect(call.direction).toBe("inbound");
    expect(Number(call.duration)).toBeGreaterThan(0);
    const [status] = s.app.to("/status");
    expect(status!.signatureValid).toBe(true);
    expect(status!.params).toMatchObject({
      CallStatus: "completed",
      CallbackSource: "call-progress-events",
      SequenceNumber: "0",
    });
    expect(Number(status!.params.CallDuration)).toBe(Number(call.duration));
  });

  it("continues with the next verb when Gather times out without input", async () => {
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () =>
      twiml(
        `<Gather action="/never" timeout="3"><Say>Hello</Say></Gather><Redirect>/after</Redirect>`,
      ),
    );
    s.app.on("/after", () => twiml(`<Hangup/>`));
    const sid = await placeCall(s);
    await s.advance(2_000);
    expect(s.app.to("/after")).toHaveLength(0);
    await s.advance(5_000);
    expect(s.app.to("/never")).toHaveLength(0);
    expect(s.app.to("/after")).toHaveLength(1);
    expect((await fetchCall(sid)).status).toBe("completed");
  });

  it("re-requests the current document when Gather has no action, stops at finishOnKey, and takes speech", async () => {
    await routeNumber(s, { voice: "/ivr" });
    let n = 0;
    s.app.on("/ivr", () =>
      ++n === 1
        ? twiml(`<Gather input="dtmf speech" timeout="5"><Say>Account number?</Say></Gather>`)
        : twiml(`<Hangup/>`),
    );
    const sid = await placeCall(s);
    await press(s, sid, "12#");
    expect(s.app.to("/ivr")[1]!.params).toMatchObject({ Digits: "12", FinishedOnKey: "#" });
    n = 0;
    const sid2 = await placeCall(s);
    await say(s, sid2, "billing question");
    expect(s.app.to("/ivr").at(-1)!.params).toMatchObject({
      SpeechResult: "billing question",
      Confidence: "0.9",
      Digits: "",
    });
  });

  it("creates an outbound call with every status callback event in order", async () => {
    s.app.on("/outbound", () => twiml(`<Say>This is a reminder</Say>`));
    const created = await s.client.calls.create({
      to: "+12025550123",
      from: s.credentials.phoneNumber,
      url: `${s.app.url}/outbound`,
      statusCallback: `${s.app.url}/progress`,
      statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    });
    expect(created.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(created.status).toBe("queued");
    expect(created.direction).toBe("outbound-api");
    expect(created.dateCreated).toBeInstanceOf(Date);
    await s.settle();
    await s.advance(2_000);
    const [fetch] = s.app.to("/outbound");
    expect(fetch!.params).toMatchObject({
      CallStatus: "in-progress",
      Direction: "outbound-api",
      To: "+12025550123",
    });
    await s.advance(10_000);
    const progress = s.app.to("/progress");
    expect(progress.map((p) => p.params.CallStatus)).toEqual([
      "initiated",
      "ringing",
      "in-progress",
      "completed",
    ]);
    expect(progress.map((p) => p.params.SequenceNumber)).toEqual(["0", "1", "2", "3"]);
    expect(progress.every((p) => p.signatureValid && p.params.Timestamp?.endsWith("+0000"))).toBe(
      true,
    );
    expect(progress[3]!.params).toMatchObject({
      CallDuration: expect.any(String),
      Duration: "1",
      SipResponseCode: "200",
    });
    const call = await s.client.calls(created.sid).fetch();
    expect(call.status).toBe("completed");
    expect(call.startTime).toBeInstanceOf(Date);
    expect(call.endTime).toBeInstanceOf(Date);
    const list = await s.client.calls.list({ to: "+12025550123" });
    expect(list.map((c) => c.sid)).toEqual([created.sid]);
  });

  it("applies the magic numbers: REST errors, busy, no-answer", async () => {
    await expect(
      s.client.calls.create({
        to: "+15005550001",
        from: s.credentials.phoneNumber,
        twiml: "<Response/>",
      }),
    ).rejects.toMatchObject({ status: 400, code: 21217 });
    await expect(
      s.client.calls.create({ to: "+12025550123", from: "+14155550000", twiml: "<Response/>" }),
    ).rejects.toMatchObject({ status: 400, code: 21210 });
    await expect(
      s.client.calls.create({ to: "12345", from: s.credentials.phoneNumber, twiml: "<Response/>" }),
    ).rejects.toMatchObject({ code: 21211 });
    const busy = await s.client.calls.create({
      to: "+15005550020",
      from: s.credentials.phoneNumber,
      twiml: "<Response><Say>x</Say></Response>",
    });
    const silent = await s.client.calls.create({
      to: "+15005550021",
      from: s.credentials.phoneNumber,
      twiml: "<Response><Say>x</Say></Response>",
      timeout: 15,
    });
    await s.advance(5_000);
    expect((await fetchCall(busy.sid)).status).toBe("busy");
    expect((await fetchCall(silent.sid)).status).toBe("ringing");
    await s.advance(10_000);
    expect((await fetchCall(silent.sid)).status).toBe("no-answer");
  });

  it("redirects a live call with new TwiML and hangs it up through the REST API", async () => {
    await routeNumber(s, { voice: "/hold" });
    s.app.on("/hold", () => twiml(`<Pause length="30"/><Redirect>/hold</Redirect>`));
    s.app.on("/redirected", () => twiml(`<Say>Moved</Say><Pause length="60"/>`));
    const sid = await placeCall(s);
    await s.client.calls(sid).update({ url: `${s.app.url}/redirected`, method: "POST" });
    await s.settle();
    expect(s.app.to("/redirected")).toHaveLength(1);
    await s.advance(31_000);
    expect(s.app.to("/hold")).toHaveLength(1);
    const updated = await s.client.calls(sid).update({ status: "completed" });
    expect(updated.status).toBe("completed");
    await expect(s.client.calls(sid).update({ twiml: "<Response/>" })).rejects.toMatchObject({
      code: 21220,
    });
  });

  it("answers with the spoken application error and logs 11200 when the webhook fails, after trying the fallback", async () => {
    await routeNumber(s, { voice: "/broken", voiceFallback: "/fallback" });
    s.app.on("/broken", () => ({ status: 500 }));
    s.app.on("/fallback", () => ({ status: 503 }));
    const sid = await placeCall(s);
    expect(s.app.to("/fallback")).toHaveLength(1);
    const entries = (
      await control<{ entries: { code: number; level: string }[] }>(
        s,
        "/sandbox/debugger",
        undefined,
        "GET",
      )
    ).entries;
    expect(entries.filter((e) => e.code === 11200 && e.level === "error")).toHaveLength(2);
    expect((await fetchCall(sid)).status).toBe("in-progress");
    await s.advance(10_000);
    expect((await fetchCall(sid)).status).toBe("completed");
  });

  it("reports 12100 for TwiML that does not parse, and reads plain text aloud", async () => {
    await routeNumber(s, { voice: "/bad" });
    s.app.on("/bad", () => ({
      status: 200,
      contentType: "text/xml",
      body: "<Response><Say>unclosed</Response>",
    }));
    const sid = await placeCall(s);
    const debug = await control<{ entries: { code: number }[] }>(
      s,
      "/sandbox/debugger",
      undefined,
      "GET",
    );
    expect(debug.entries.map((e) => e.code)).toContain(12100);
    await s.advance(10_000);
    expect((await fetchCall(sid)).status).toBe("completed");
    s.app.on("/bad", () => ({ status: 200, contentType: "text/plain", body: "Hello there" }));
    const sid2 = await placeCall(s);
    expect((await fetchCall(sid2)).status).toBe("in-progress");
    await s.advance(5_000);
    expect((await fetchCall(sid2)).status).toBe("completed");
  });

  it("rejects a call as busy or no-answer without answering it", async () => {
    await routeNumber(s, { voice: "/reject" });
    s.app.on("/reject", () => twiml(`<Reject reason="busy"/>`));
    const busy = await placeCall(s);
    expect((await fetchCall(busy)).status).toBe("busy");
    s.app.on("/reject", () => twiml(`<Reject/>`));
    const rejected = await placeCall(s);
    const call = await fetchCall(rejected);
    expect(call.status).toBe("no-answer");
    expect(call.startTime).toBeNull();
  });

  it("resolves relative URLs against the current document", async () => {
    await routeNumber(s, { voice: "/ivr/start?lang=en" });
    s.app.on("/ivr/start", () => twiml(`<Redirect method="GET">next</Redirect>`));
    s.app.on("/ivr/next", () => twiml(`<Hangup/>`));
    await placeCall(s);
    const [next] = s.app.to("/ivr/next");
    expect(next!.method).toBe("GET");
    expect(next!.signatureValid).toBe(true);
  });

  it("lets the caller hang up mid-Say and ends the call as completed", async () => {
    await routeNumber(s, { voice: "/long", status: "/status" });
    s.app.on("/long", () => twiml(`<Say loop="0">Please hold</Say>`));
    const sid = await placeCall(s);
    await s.advance(3_000);
    await hangup(s, sid);
    expect((await fetchCall(sid)).status).toBe("completed");
    expect(s.app.to("/status")[0]!.params.CallStatus).toBe("completed");
  });

  it("records the whole call with Record=true and reports the recording on the completed callback", async () => {
    s.app.on("/talk", () => twiml(`<Pause length="7"/>`));
    const created = await s.client.calls.create({
      to: "+12025550123",
      from: s.credentials.phoneNumber,
      url: `${s.app.url}/talk`,
      record: true,
      statusCallback: `${s.app.url}/done`,
    });
    await s.settle();
    await s.advance(20_000);
    const [done] = s.app.to("/done");
    expect(done!.params.RecordingSid).toMatch(/^RE/);
    expect(done!.params.RecordingDuration).toBe("7");
    const recordings = await s.client.recordings.list({ callSid: created.sid });
    expect(recordings).toHaveLength(1);
    expect(recordings[0]!.source).toBe("OutboundAPI");
  });
  it("answers a ringing client: leg through the control API, and refuses any other leg", async () => {
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () => twiml(`<Dial action="/after" timeout="30"><Client>alice</Client></Dial>`));
    s.app.on("/after", () => twiml(`<Hangup/>`));
    const caller = await placeCall(s);
    await s.advance(1_000);
    const [leg] = await s.client.calls.list({ parentCallSid: caller });
    expect(leg!.status).toBe("ringing");
    await expect(control(s, `/sandbox/calls/${caller}/answer`, {})).rejects.toMatchObject({
      status: 400,
    });
    await control(s, `/sandbox/calls/${leg!.sid}/answer`, {});
    await s.settle();
    expect((await fetchCall(leg!.sid)).status).toBe("in-progress");
    await hangup(s, leg!.sid);
    expect(s.app.to("/after")[0]!.params.DialCallStatus).toBe("completed");
  });
});
