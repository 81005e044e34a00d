/**
 * Conformance: <Dial> (numbers, clients, action and fall-through), conferences (Participants
 * API, hold, mute, coach, end rules, status callbacks), <Record> with transcription and
 * downloadable media, queues. Manual clock; every webhook's signature is validated.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { wavDurationSeconds } from "../core/wav";
import { hangup, placeCall, press, routeNumber, say, twiml } from "../testing/scenario";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";

describe("voice: Dial, conferences, Record, queues", () => {
  let s: TestSandbox;
  beforeEach(async () => {
    s = await startTestSandbox();
    await routeNumber(s, { voice: "/voice" });
  });
  afterEach(async () => {
    expect(s.app.requests.every((r) => r.signatureValid)).toBe(true);
    await s.close();
  });
  const call = (sid: string) => s.client.calls(sid).fetch();

  it("bridges a <Dial><Number>, then requests the action with DialCallStatus, DialCallSid and DialCallDuration", async () => {
    s.app.on("/voice", () =>
      twiml(
        `<Dial action="/dialed" timeout="20" callerId="+12025550100"><Number statusCallback="/child" statusCallbackEvent="ringing answered completed">+12025550177</Number></Dial>`,
      ),
    );
    s.app.on("/dialed", () => twiml(`<Say>Call ended</Say>`));
    const parent = await placeCall(s);
    await s.advance(2_000);
    const [child] = await s.client.calls.list({ parentCallSid: parent });
    expect(child!.status).toBe("in-progress");
    expect(child!.direction).toBe("outbound-dial");
    expect(child!.from).toBe("+12025550100");
    await s.advance(30_000);
    await hangup(s, child!.sid);
    const [dialed] = s.app.to("/dialed");
    expect(dialed!.params).toMatchObject({
      DialCallStatus: "completed",
      DialCallSid: child!.sid,
      DialCallDuration: "30",
      DialBridged: "true",
      CallStatus: "in-progress",
    });
    expect(s.app.to("/child").map((h) => h.params.CallStatus)).toEqual([
      "ringing",
      "in-progress",
      "completed",
    ]);
    expect(s.app.to("/child")[0]!.params.ParentCallSid).toBe(parent);
    expect((await call(parent)).status).toBe("in-progress");
  });

  it("falls through to the next verb without an action, and reports no-answer and busy", async () => {
    s.app.on("/voice", () =>
      twiml(`<Dial timeout="5">+15005550021</Dial><Redirect>/next</Redirect>`),
    );
    s.app.on("/next", () => twiml(`<Dial action="/busy">+15005550020</Dial>`));
    s.app.on("/busy", () => twiml(`<Hangup/>`));
    const parent = await placeCall(s);
    await s.advance(5_000);
    expect(s.app.to("/next")).toHaveLength(1);
    await s.advance(2_000);
    expect(s.app.to("/busy")[0]!.params.DialCallStatus).toBe("busy");
    expect((await call(parent)).status).toBe("completed");
    const children = await s.client.calls.list({ parentCallSid: parent });
    expect(children.map((c) => c.status).sort()).toEqual(["busy", "no-answer"]);
  });

  it("rings a client with no registered Device until the timeout", async () => {
    s.app.on("/voice", () =>
      twiml(`<Dial action="/after" timeout="10"><Client>alice</Client></Dial>`),
    );
    s.app.on("/after", () => twiml(`<Hangup/>`));
    const parent = await placeCall(s);
    await s.advance(9_000);
    expect(s.app.to("/after")).toHaveLength(0);
    await s.advance(1_000);
    expect(s.app.to("/after")[0]!.params.DialCallStatus).toBe("no-answer");
    const [leg] = await s.client.calls.list({ parentCallSid: parent });
    expect(leg!.to).toBe("client:alice");
  });

  it("hangs up the called leg when the caller hangs up, and notifies the action", async () => {
    s.app.on("/voice", () => twiml(`<Dial action="/after">+12025550177</Dial>`));
    const parent = await placeCall(s);
    await s.advance(5_000);
    await hangup(s, parent);
    const [leg] = await s.client.calls.list({ parentCallSid: parent });
    expect(leg!.status).toBe("completed");
    expect(s.app.to("/after")[0]!.params).toMatchObject({
      CallStatus: "completed",
      DialCallStatus: "completed",
    });
  });

  it("records a <Dial> and serves the recording as a real WAV of the right length", async () => {
    s.app.on("/voice", () =>
      twiml(
        `<Dial record="record-from-answer" recordingStatusCallback="/rec" action="/after">+12025550177</Dial>`,
      ),
    );
    s.app.on("/after", () => twiml(`<Hangup/>`));
    const parent = await placeCall(s);
    await s.advance(2_000 + 12_000);
    const [leg] = await s.client.calls.list({ parentCallSid: parent });
    await hangup(s, leg!.sid);
    const [after] = s.app.to("/after");
    expect(after!.params.RecordingDuration).toBe("12");
    const [rec] = s.app.to("/rec");
    expect(rec!.params).toMatchObject({
      RecordingStatus: "completed",
      RecordingSource: "DialVerb",
      CallSid: parent,
      RecordingDuration: "12",
    });
    const recording = await s.client.recordings(rec!.params.RecordingSid!).fetch();
    expect(recording.duration).toBe("12");
    expect(recording.mediaUrl).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${s.credentials.accountSid}/Recordings/${recording.sid}`,
    );
    const media = await fetch(
      `${s.url}/api/2010-04-01/Accounts/${s.credentials.accountSid}/Recordings/${recording.sid}.wav`,
    );
    expect(media.headers.get("content-type")).toBe("audio/x-wav");
    expect(wavDurationSeconds(Buffer.from(await media.arrayBuffer()))).toBe(12);
    const mp3 = await fetch(
      `${s.url}/api/2010-04-01/Accounts/${s.credentials.accountSid}/Recordings/${recording.sid}.mp3`,
    );
    expect(mp3.status).toBe(415);
  });

  it("records a voicemail with <Record>, transcribes the scripted speech and requests the action", async () => {
    s.app.on("/voice", () =>
      twiml(
        `<Say>Leave a message</Say><Record action="/saved" transcribe="true" transcribeCallback="/transcribed" maxLength="60" recordingStatusCallback="/rec"/>`,
      ),
    );
    s.app.on("/saved", () => twiml(`<Say>Thanks</Say><Hangup/>`));
    const sid = await placeCall(s);
    await s.advance(3_000);
    await say(s, sid, "Please call me back about my order");
    await s.advance(4_000);
    await press(s, sid, "#");
    const [saved] = s.app.to("/saved");
    expect(saved!.params.Digits).toBe("#");
    expect(saved!.params.RecordingUrl).toMatch(/\/Recordings\/RE[0-9a-f]{32}$/);
    expect(Number(saved!.params.RecordingDuration)).toBeGreaterThanOrEqual(4);
    const [tx] = s.app.to("/transcribed");
    expect(tx!.params).toMatchObject({
      TranscriptionText: "Please call me back about my order",
      TranscriptionStatus: "completed",
      RecordingSid: saved!.params.RecordingSid,
    });
    const transcriptions = await s.client
      .recordings(saved!.params.RecordingSid!)
      .transcriptions.list();
    expect(transcriptions[0]!.transcriptionText).toBe("Please call me back about my order");
    expect(s.app.to("/rec")[0]!.params.RecordingSource).toBe("RecordVerb");
  });

  it("continues without an action when a <Record> heard nothing, and requests it with Digits=hangup after a hangup", async () => {
    s.app.on("/voice", () =>
      twiml(`<Record action="/saved" timeout="3"/><Redirect>/second</Redirect>`),
    );
    s.app.on("/second", () => twiml(`<Record action="/saved2" timeout="0"/>`));
    const sid = await placeCall(s);
    await s.advance(5_000);
    expect(s.app.to("/saved")).toHaveLength(0);
    expect(s.app.to("/second")).toHaveLength(1);
    await s.advance(5_000);
    await hangup(s, sid);
    expect(s.app.to("/saved2")[0]!.params).toMatchObject({
      Digits: "hangup",
      CallStatus: "completed",
    });
  });

  it("runs a conference through the Participants API: start rule, hold, mute, coach, leave and end, with status callbacks", async () => {
    const conferenceCallback = `${s.app.url}/conference`;
    const customer = await s.client.conferences("support-room").participants.create({
      from: s.credentials.phoneNumber,
      to: "+12025550111",
      label: "customer",
      conferenceStatusCallback: conferenceCallback,
      conferenceStatusCallbackEvent: ["start", "end", "join", "leave", "mute", "hold", "modify"],
    });
    expect(customer.callSid).toMatch(/^CA/);
    expect(customer.conferenceSid).toMatch(/^CF/);
    await s.advance(2_000);
    let conference = await s.client.conferences(customer.conferenceSid).fetch();
    expect(conference.status).toBe("init");
    const agent = await s.client.conferences(customer.conferenceSid).participants.create({
      from: s.credentials.phoneNumber,
      to: "client:alice",
      label: "agent",
      endConferenceOnExit: true,
    });
    await s.client.conferences(customer.conferenceSid).participants.create({
      from: s.credentials.phoneNumber,
      to: "+12025550199",
      label: "supervisor",
      coaching: true,
      callSidToCoach: customer.callSid,
    });
    await s.advance(2_000);
    // client:alice has no Device in this test, so the agent rings out; the supervisor answers.
    conference = await s.client.conferences(customer.conferenceSid).fetch();
    expect(conference.status).toBe("in-progress");
    const held = await s.client
      .conferences(customer.conferenceSid)
      .participants("customer")
      .update({ hold: true });
    expect(held.hold).toBe(true);
    await s.client
      .conferences(customer.conferenceSid)
      .participants(customer.callSid)
      .update({ muted: true });
    const list = await s.client.conferences(customer.conferenceSid).participants.list();
    expect(list.map((p) => p.label).sort()).toEqual(["agent", "customer", "supervisor"]);
    expect(list.find((p) => p.label === "supervisor")).toMatchObject({
      coaching: true,
      callSidToCoach: customer.callSid,
      status: "connected",
    });
    await s.client.conferences(customer.conferenceSid).participants("supervisor").remove();
    await s.settle();
    await s.advance(60_000);
    // The agent's client leg rang out; the customer is alone until hanging up.
    expect((await s.client.conferences(customer.conferenceSid).fetch()).status).toBe("in-progress");
    await hangup(s, customer.callSid);
    const events = s.app.to("/conference").map((h) => h.params.StatusCallbackEvent);
    expect(events.slice(0, 4)).toEqual([
      "participant-join",
      "participant-join",
      "conference-start",
      "participant-hold",
    ]);
    expect(events).toContain("participant-mute");
    const leave = s.app
      .to("/conference")
      .find((h) => h.params.StatusCallbackEvent === "participant-leave");
    expect(leave!.params).toMatchObject({
      ReasonParticipantLeft: "participant_updated_via_api",
      ParticipantLabel: "supervisor",
    });
    const end = s.app
      .to("/conference")
      .find((h) => h.params.StatusCallbackEvent === "conference-end");
    expect(end!.params).toMatchObject({
      ReasonConferenceEnded: "last-participant-left",
      CallSidEndingConference: customer.callSid,
    });
    expect(s.app.to("/conference").map((h) => Number(h.params.SequenceNumber))).toEqual(
      events.map((_, i) => i),
    );
    void agent;
  });

  it("ends a conference when a participant with endConferenceOnExit leaves, and resumes the others' TwiML", async () => {
    s.app.on("/voice", (hook) =>
      twiml(
        `<Dial action="/left"><Conference endConferenceOnExit="${hook.params.From === "+12025550112"}" statusCallback="/cb" statusCallbackEvent="start end leave">room-2</Conference></Dial>`,
      ),
    );
    s.app.on("/left", () => twiml(`<Say>Conference over</Say>`));
    const a = await placeCall(s, "+12025550111");
    const b = await placeCall(s, "+12025550112");
    const [conference] = await s.client.conferences.list({
      friendlyName: "room-2",
      status: "in-progress",
    });
    expect(conference).toBeDefined();
    await s.advance(10_000);
    await hangup(s, b);
    const end = s.app.to("/cb").find((h) => h.params.StatusCallbackEvent === "conference-end");
    expect(end!.params).toMatchObject({
      ReasonConferenceEnded: "participant-with-end-conference-on-exit-left",
      CallSidEndingConference: b,
    });
    const [left] = s.app.to("/left").filter((h) => h.params.CallSid === a);
    expect(left!.params).toMatchObject({
      DialCallStatus: "answered",
      ConferenceSid: conference!.sid,
    });
    expect((await call(a)).status).toBe("in-progress");
    expect((await s.client.conferences(conference!.sid).fetch()).status).toBe("completed");
  });

  it("ends a conference through the API and records it from the start", async () => {
    s.app.on("/voice", () =>
      twiml(
        `<Dial><Conference record="record-from-start" recordingStatusCallback="/rec">room-3</Conference></Dial>`,
      ),
    );
    await placeCall(s, "+12025550111");
    await placeCall(s, "+12025550112");
    const [conference] = await s.client.conferences.list({ friendlyName: "room-3" });
    await s.advance(9_000);
    await s.client.conferences(conference!.sid).update({ status: "completed" });
    await s.settle();
    const [rec] = s.app.to("/rec");
    expect(rec!.params).toMatchObject({
      RecordingSource: "Conference",
      ConferenceSid: conference!.sid,
      RecordingDuration: "9",
      RecordingChannels: "1",
    });
    const recordings = await s.client.conferences(conference!.sid).recordings.list();
    expect(recordings).toHaveLength(1);
  });

  it("queues callers with <Enqueue>, plays the waitUrl loop, and bridges them with <Dial><Queue>", async () => {
    s.app.on("/voice", (hook) =>
      hook.params.From === "+12025550199"
        ? twiml(`<Dial action="/agent-done"><Queue url="/whisper">support</Queue></Dial>`)
        : twiml(
            `<Enqueue waitUrl="/wait" action="/left-queue">support</Enqueue><Say>after queue</Say>`,
          ),
    );
    s.app.on("/wait", () => twiml(`<Say>You are caller number one</Say><Pause length="10"/>`));
    s.app.on("/whisper", () => twiml(`<Say>Connecting you to an agent</Say>`));
    s.app.on("/left-queue", () => twiml(`<Hangup/>`));
    const caller = await placeCall(s, "+12025550111");
    const [queue] = await s.client.queues.list();
    expect(queue!.friendlyName).toBe("support");
    expect(queue!.currentSize).toBe(1);
    const [wait] = s.app.to("/wait");
    expect(wait!.params).toMatchObject({
      QueuePosition: "1",
      QueueSid: queue!.sid,
      CurrentQueueSize: "1",
      MaxQueueSize: "100",
    });
    await s.advance(25_000);
    expect(s.app.to("/wait").length).toBeGreaterThanOrEqual(2);
    const agent = await placeCall(s, "+12025550199");
    await s.advance(5_000);
    expect(s.app.to("/whisper")[0]!.params).toMatchObject({
      QueueSid: queue!.sid,
      DequeingCallSid: agent,
      CallSid: caller,
    });
    expect((await s.client.queues(queue!.sid).fetch()).currentSize).toBe(0);
    await s.advance(20_000);
    await hangup(s, agent);
    const [left] = s.app.to("/left-queue");
    expect(left!.params).toMatchObject({ QueueResult: "bridged", QueueSid: queue!.sid });
    expect(Number(left!.params.QueueTime)).toBeGreaterThanOrEqual(25);
    expect(s.app.to("/agent-done")[0]!.params).toMatchObject({
      DialCallStatus: "completed",
      DialCallSid: caller,
    });
  });

  it("leaves a queue with <Leave> and dequeues a member through the Members API", async () => {
    s.app.on("/voice", () => twiml(`<Enqueue waitUrl="/wait" action="/result">billing</Enqueue>`));
    s.app.on("/wait", () =>
      twiml(
        `<Gather numDigits="1" action="/choice"><Say>Press 1 to leave a message</Say></Gather><Pause length="5"/>`,
      ),
    );
    s.app.on("/choice", () => twiml(`<Leave/>`));
    s.app.on("/result", () => twiml(`<Hangup/>`));
    s.app.on("/dequeued", () => twiml(`<Say>Hello from dequeue</Say><Hangup/>`));
    const leaving = await placeCall(s, "+12025550111");
    await press(s, leaving, "1");
    expect(s.app.to("/result")[0]!.params).toMatchObject({
      QueueResult: "leave",
      CallSid: leaving,
    });
    const staying = await placeCall(s, "+12025550112");
    const [queue] = await s.client.queues.list();
    const member = await s.client.queues(queue!.sid).members("Front").fetch();
    expect(member).toMatchObject({ callSid: staying, position: 1 });
    await s.client
      .queues(queue!.sid)
      .members("Front")
      .update({ url: `${s.app.url}/dequeued`, method: "POST" });
    await s.settle();
    expect(s.app.to("/dequeued")).toHaveLength(1);
    expect(s.app.to("/result").find((h) => h.params.CallSid === staying)!.params.QueueResult).toBe(
      "redirected",
    );
  });
});
