import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as incoming } from "@/app/api/twilio/voice/incoming/route";
import { POST as gather } from "@/app/api/twilio/voice/gather/route";
import { POST as wait } from "@/app/api/twilio/voice/wait/route";
import { POST as voicemail } from "@/app/api/twilio/voice/voicemail/route";
import { POST as outbound } from "@/app/api/twilio/voice/outbound/route";
import { db } from "@/lib/server/db";
import { FakeTwilio } from "../support/fake-twilio";
import { createUser } from "../support/factories";
import { ensureTelephonyReference, resetCaches, WORKFLOW_SID } from "../support/telephony";
import { findAll, parseTwiml, spokenText } from "../support/twiml";
import { PUBLIC_BASE, sid, signedRequest, voiceParams } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

async function twiml(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/xml");
  return parseTwiml(await res.text());
}

const G = "/api/twilio/voice/gather";

describe("signature checks on a TwiML webhook", () => {
  it("accepts a correctly signed request and stores the call", async () => {
    const params = voiceParams();
    const r = await twiml(await incoming(signedRequest("/api/twilio/voice/incoming", params)));
    expect(findAll(r, "Gather")).toHaveLength(1);
    expect(await db.call.findUnique({ where: { callSid: params.CallSid } })).toMatchObject({ status: "ringing", direction: "inbound", from: "+12025550111" });
  });

  it("answers 403 and writes nothing for missing, forged, wrong-URL or wrong-token signatures", async () => {
    for (const options of [
      { signature: null },
      { signature: "bm90LWEtcmVhbC1zaWduYXR1cmU=" },
      { signedUrl: `${PUBLIC_BASE}/api/twilio/voice/outbound` },
      { authToken: "ffffffffffffffffffffffffffffffff" },
    ]) {
      const params = voiceParams();
      const res = await incoming(signedRequest("/api/twilio/voice/incoming", params, options));
      expect(res.status).toBe(403);
      expect(await db.call.findUnique({ where: { callSid: params.CallSid } })).toBeNull();
      expect(await db.webhookReceipt.count({ where: { resourceSid: params.CallSid } })).toBe(0);
    }
  });

  it("rejects a signed request whose body was tampered with", async () => {
    const params = voiceParams();
    const req = signedRequest("/api/twilio/voice/incoming", params);
    const tampered = new Request(req.url, { method: "POST", headers: req.headers, body: new URLSearchParams({ ...params, From: "+19999999999" }).toString() });
    expect((await incoming(tampered)).status).toBe(403);
  });

  it("checks against the public URL even when the request arrives on an internal address", async () => {
    const params = voiceParams();
    const res = await incoming(signedRequest("/api/twilio/voice/incoming", params, { internalBase: "http://10.1.2.3:8080" }));
    expect(res.status).toBe(200);
  });

  it("accepts the port variant Twilio may sign (explicit port dropped)", async () => {
    const params = voiceParams();
    const res = await incoming(signedRequest("/api/twilio/voice/incoming", params, { signedUrl: "http://localhost/api/twilio/voice/incoming" }));
    expect(res.status).toBe(200);
  });

  it("answers a replay (same idempotency token or same call) from the receipt and writes nothing twice", async () => {
    const params = voiceParams();
    const first = await incoming(signedRequest("/api/twilio/voice/incoming", params, { idempotencyToken: "tok-1" }));
    const body = await first.text();
    const call = await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid } });
    const events = await db.callEvent.count({ where: { callId: call.id } });
    // Twilio's retry (same token), then a stale replay much later with a new token.
    for (const token of ["tok-1", "tok-2"]) {
      const again = await incoming(signedRequest("/api/twilio/voice/incoming", params, { idempotencyToken: token }));
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(body);
    }
    expect(await db.callEvent.count({ where: { callId: call.id } })).toBe(events);
  });

  it("takes over a claim a crashed delivery left unfinished", async () => {
    const params = voiceParams();
    await db.webhookReceipt.create({
      data: { idempotencyKey: `/api/twilio/voice/incoming|nk:${params.CallSid}`, route: "/api/twilio/voice/incoming", receivedAt: new Date(Date.now() - 60_000) },
    });
    const r = await twiml(await incoming(signedRequest("/api/twilio/voice/incoming", params)));
    expect(findAll(r, "Gather")).toHaveLength(1);
    expect(await db.call.findUnique({ where: { callSid: params.CallSid } })).not.toBeNull();
  });

  it("answers invalid parameters on a signed TwiML request with a spoken apology, not a 500", async () => {
    const params = voiceParams({ CallSid: "not-a-call-sid" });
    const r = await twiml(await incoming(signedRequest("/api/twilio/voice/incoming", params)));
    expect(spokenText(r)).toContain("something went wrong");
    expect(findAll(r, "Record")).toHaveLength(1);
  });
});

describe("inbound IVR", () => {
  it("greets and offers the seeded menu with DTMF and speech", async () => {
    const r = await twiml(await incoming(signedRequest("/api/twilio/voice/incoming", voiceParams())));
    const g = findAll(r, "Gather")[0]!;
    expect(g.attrs.input).toBe("dtmf speech");
    expect(new URL(g.attrs.action!).pathname).toBe(G);
    expect(new URL(g.attrs.action!).searchParams.get("attempt")).toBe("1");
    expect(spokenText(g)).toContain("Thank you for calling Switchboard Demo Company.");
    for (const d of ["1", "2", "3", "4", "5"]) expect(spokenText(g)).toContain(`press ${d}.`);
  });

  it("routes digit 1 to sales with Task attributes (queue, language, caller, contact, IVR path)", async () => {
    const params = voiceParams({ From: "+12025550177" });
    const contact = await db.contact.create({ data: { name: "Known Caller", phone: "+12025550177" } });
    await incoming(signedRequest("/api/twilio/voice/incoming", params));
    const r = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "1" })));
    const enqueue = findAll(r, "Enqueue")[0]!;
    expect(enqueue.attrs.workflowSid).toBe(WORKFLOW_SID);
    expect(new URL(enqueue.attrs.waitUrl!).pathname).toBe("/api/twilio/voice/wait");
    expect(new URL(enqueue.attrs.action!).searchParams.get("step")).toBe("queue-exit");
    const attributes = JSON.parse(findAll(enqueue, "Task")[0]!.text);
    expect(attributes).toEqual({ type: "call", direction: "inbound", queue: "sales", skill: "sales", language: "en", caller: "+12025550177", contact_id: contact.id, ivr_path: ["1"] });
    expect(findAll(enqueue, "Task")[0]!.attrs.priority).toBe("10");
    const call = await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid }, include: { queue: true } });
    expect(call.queue?.key).toBe("sales");
    expect(call.enqueuedAt).not.toBeNull();
  });

  it("understands speech", async () => {
    const params = voiceParams();
    const r = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, SpeechResult: "I need some support please", Confidence: "0.9" })));
    expect(JSON.parse(findAll(r, "Task")[0]!.text).queue).toBe("support");
  });

  it("repeats the menu once on invalid or no input, then sends the caller to the default queue", async () => {
    const params = voiceParams();
    const again = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "8" })));
    expect(spokenText(again)).toContain("Sorry, I didn't get that.");
    expect(new URL(findAll(again, "Gather")[0]!.attrs.action!).searchParams.get("attempt")).toBe("2");
    const routed = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=2&lang=en`, params)));
    const attributes = JSON.parse(findAll(routed, "Task")[0]!.text);
    expect(attributes.queue).toBe("general");
    expect(attributes.ivr_path).toEqual(["default"]);
  });

  it("switches to Spanish on 9 and enqueues with language es", async () => {
    const params = voiceParams();
    const menu = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "9" })));
    expect(findAll(menu, "Gather")[0]!.attrs.language).toBe("es-MX");
    expect(new URL(findAll(menu, "Gather")[0]!.attrs.action!).searchParams.get("lang")).toBe("es");
    const r = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=es`, { ...params, Digits: "2" })));
    expect(JSON.parse(findAll(r, "Task")[0]!.text)).toMatchObject({ queue: "support", language: "es" });
    expect(findAll(r, "Say")[0]!.attrs.language).toBe("es-MX");
  });

  it("records a voicemail on 4, stores it with its task and transcription", async () => {
    const params = voiceParams();
    const r = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "4" })));
    const record = findAll(r, "Record")[0]!;
    expect(record.attrs.transcribe).toBe("true");
    const recordingSid = sid("RE");
    const done = await twiml(
      await voicemail(
        signedRequest(new URL(record.attrs.action!).pathname + new URL(record.attrs.action!).search, {
          ...params,
          RecordingSid: recordingSid,
          RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${params.AccountSid}/Recordings/${recordingSid}`,
          RecordingDuration: "14",
          Digits: "#",
        }),
      ),
    );
    expect(spokenText(done)).toContain("Your message was recorded");
    const taskCreate = fake.find("POST", "/Tasks");
    expect(taskCreate).toHaveLength(1);
    expect(taskCreate[0]!.form.WorkflowSid).toBe(WORKFLOW_SID);
    const attributes = JSON.parse(taskCreate[0]!.form.Attributes as string);
    expect(attributes).toMatchObject({ type: "voicemail", queue: "general", caller: params.From, recording_sid: recordingSid });
    const vm = await db.voicemail.findFirstOrThrow({ where: { call: { callSid: params.CallSid } }, include: { recording: true } });
    expect(vm).toMatchObject({ durationSeconds: 14, taskSid: expect.stringMatching(/^WT/) });
    expect(vm.recording?.recordingSid).toBe(recordingSid);

    await voicemail(signedRequest(new URL(record.attrs.transcribeCallback!).pathname + new URL(record.attrs.transcribeCallback!).search, {
      ...params, RecordingSid: recordingSid, TranscriptionSid: sid("TR"), TranscriptionStatus: "completed", TranscriptionText: "Please call me back about my order.",
    }));
    expect((await db.voicemail.findUniqueOrThrow({ where: { id: vm.id } })).transcription).toBe("Please call me back about my order.");
  });

  it("takes a callback request on 5 for the caller's number and creates a callback task", async () => {
    const params = voiceParams({ From: "+12025550188" });
    const r = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "5" })));
    expect(spokenText(r)).toContain("ending in 0 1 8 8");
    expect(findAll(r, "Hangup")).toHaveLength(1);
    const request = await db.callbackRequest.findFirstOrThrow({ where: { call: { callSid: params.CallSid } } });
    expect(request).toMatchObject({ phone: "+12025550188", status: "PENDING", taskSid: expect.stringMatching(/^WT/) });
    expect(JSON.parse(fake.find("POST", "/Tasks")[0]!.form.Attributes as string)).toMatchObject({ type: "callback", callback_number: "+12025550188", callback_request_id: request.id });
  });

  it("asks an anonymous caller to key in a callback number, and never echoes input", async () => {
    const params = voiceParams({ From: "anonymous", Caller: "anonymous" });
    const ask = await twiml(await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "5" })));
    const g = findAll(ask, "Gather")[0]!;
    expect(new URL(g.attrs.action!).searchParams.get("step")).toBe("callback-number");
    const action = new URL(g.attrs.action!);
    const bad = await twiml(await gather(signedRequest(action.pathname + action.search, { ...params, Digits: "12<Say>" })));
    expect(spokenText(bad)).toContain("does not look right");
    expect(spokenText(bad)).not.toContain("12");
    const ok = await twiml(await gather(signedRequest(action.pathname + action.search, { ...params, Digits: "2025550199" })));
    expect(spokenText(ok)).toContain("ending in 0 1 9 9");
    expect((await db.callbackRequest.findFirstOrThrow({ where: { call: { callSid: params.CallSid } } })).phone).toBe("+12025550199");
  });

  it("sends after-hours callers to voicemail with transcription, and holiday callers too", async () => {
    await db.businessHours.updateMany({ data: { opensAt: "00:00", closesAt: "00:00" } });
    resetCaches();
    try {
      const r = await twiml(await incoming(signedRequest("/api/twilio/voice/incoming", voiceParams())));
      expect(findAll(r, "Gather")).toHaveLength(0);
      expect(spokenText(r)).toContain("closed right now");
      expect(findAll(r, "Record")[0]!.attrs.transcribe).toBe("true");
    } finally {
      await db.businessHours.updateMany({ data: { opensAt: "00:00", closesAt: "24:00" } });
      resetCaches();
    }
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "America/New_York" });
    const holiday = await db.holiday.create({ data: { date: new Date(`${today}T00:00:00Z`), name: "Test Day" } });
    resetCaches();
    try {
      const r = await twiml(await incoming(signedRequest("/api/twilio/voice/incoming", voiceParams())));
      expect(spokenText(r)).toContain("closed today for the holiday");
    } finally {
      await db.holiday.delete({ where: { id: holiday.id } });
      resetCaches();
    }
  });
});

describe("waiting in queue", () => {
  it("plays position, estimate and hold music, and lets the caller leave for voicemail or a callback", async () => {
    const params = voiceParams();
    await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...params, Digits: "2" }));
    const r = await twiml(await wait(signedRequest("/api/twilio/voice/wait?lang=en", { ...params, QueuePosition: "2", QueueTime: "30", AvgQueueTime: "90", CurrentQueueSize: "3", QueueSid: sid("QU") })));
    expect(spokenText(r)).toContain("You are number 2 in line.");
    expect(spokenText(r)).toContain("about 3 minutes");
    expect(findAll(r, "Play")[0]!.text).toBe(`${PUBLIC_BASE}/api/twilio/voice/hold-music`);

    const leave = await twiml(await wait(signedRequest("/api/twilio/voice/wait?step=choice&lang=en", { ...params, Digits: "2" })));
    expect(leave.children.map((c) => c.name)).toEqual(["Leave"]);
    const exit = await twiml(await gather(signedRequest(`${G}?step=queue-exit&lang=en`, { ...params, QueueResult: "leave", QueueTime: "45" })));
    expect(spokenText(exit)).toContain("We will call you back");
    const request = await db.callbackRequest.findFirstOrThrow({ where: { call: { callSid: params.CallSid } }, include: { queue: true } });
    expect(request.queue?.key).toBe("support");

    const other = voiceParams();
    await gather(signedRequest(`${G}?step=menu&attempt=1&lang=en`, { ...other, Digits: "1" }));
    await wait(signedRequest("/api/twilio/voice/wait?step=choice&lang=en", { ...other, Digits: "1" }));
    const vm = await twiml(await gather(signedRequest(`${G}?step=queue-exit&lang=en`, { ...other, QueueResult: "leave" })));
    const record = findAll(vm, "Record")[0]!;
    expect(new URL(record.attrs.action!).searchParams.get("queue")).toBe("sales");
  });

  it("ignores other keys while waiting and hangs up quietly after the agent call", async () => {
    const params = voiceParams();
    const r = await twiml(await wait(signedRequest("/api/twilio/voice/wait?step=choice&lang=en", { ...params, Digits: "7" })));
    expect(findAll(r, "Redirect")[0]!.text).toBe(`${PUBLIC_BASE}/api/twilio/voice/wait?lang=en`);
    const bridged = await twiml(await gather(signedRequest(`${G}?step=queue-exit&lang=en`, { ...params, QueueResult: "bridged" })));
    expect(bridged.children.map((c) => c.name)).toEqual(["Hangup"]);
    const failed = await twiml(await gather(signedRequest(`${G}?step=queue-exit&lang=en`, { ...voiceParams(), QueueResult: "system-error" })));
    expect(findAll(failed, "Record")).toHaveLength(1);
  });
});

describe("outbound from the softphone", () => {
  const app = (from: string, to: string) => voiceParams({ From: from, Caller: from, To: to, Called: "", Direction: "inbound", ApplicationSid: "AP00000000000000000000000000000001" });

  // Calls to a valid number (task + conference): tests/integration/outbound-task-call.test.ts.

  it("speaks a clear error for an invalid number and logs the call as failed", async () => {
    const agent = await createUser("AGENT");
    const params = app(`client:${agent.username}`, "12345");
    const r = await twiml(await outbound(signedRequest("/api/twilio/voice/outbound", params)));
    expect(findAll(r, "Dial")).toHaveLength(0);
    expect(spokenText(r)).toContain("not valid");
    expect((await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid } })).outcome).toBe("failed");
  });

  it("refuses identities that are not active users", async () => {
    const disabled = await createUser("AGENT", { disabled: true });
    for (const from of ["client:nobody_here", `client:${disabled.username}`, "+12025550111"]) {
      const r = await twiml(await outbound(signedRequest("/api/twilio/voice/outbound", app(from, "+12025550123"))));
      expect(findAll(r, "Dial")).toHaveLength(0);
      expect(spokenText(r)).toContain("not allowed");
    }
  });

  it("calls another agent's client and enqueues into a queue", async () => {
    const a = await createUser("AGENT");
    const b = await createUser("AGENT");
    const r = await twiml(await outbound(signedRequest("/api/twilio/voice/outbound", app(`client:${a.username}`, `client:${b.username}`))));
    expect(findAll(r, "Client")[0]!.text).toBe(b.username);
    const q = await twiml(await outbound(signedRequest("/api/twilio/voice/outbound", app(`client:${a.username}`, "queue:support"))));
    expect(JSON.parse(findAll(q, "Task")[0]!.text)).toMatchObject({ queue: "support", direction: "internal", from_agent_id: a.id });
  });
});
