import { describe, expect, it } from "vitest";
import { findAll, parseTwiml, spokenText } from "@/tests/support/twiml";
import { apologyTwiml, apologyWithVoicemailTwiml } from "./apology";
import {
  buildCallbackNumberTwiml,
  buildEnqueueTwiml,
  buildLeaveQueueTwiml,
  buildMenuTwiml,
  buildOutboundConferenceTwiml,
  buildOutboundDialTwiml,
  buildVoicemailTwiml,
  buildWaitTwiml,
} from "./voice-flow";

const OPTIONS = [
  { digit: "1", label: "Sales", keywords: ["sales", "buy"] },
  { digit: "2", label: "Support", keywords: ["support"] },
];

describe("IVR TwiML", () => {
  it("gathers one key or speech, posts to the action even on silence, and lists every option", () => {
    const r = parseTwiml(buildMenuTwiml({ language: "en", options: OPTIONS, actionUrl: "https://x.test/api/twilio/voice/gather?step=menu&attempt=1&lang=en", preamble: ["Welcome."], offerSpanish: true }));
    expect(r.children.map((c) => c.name)).toEqual(["Gather"]);
    const gather = r.children[0]!;
    expect(gather.attrs).toMatchObject({ input: "dtmf speech", numDigits: "1", actionOnEmptyResult: "true", method: "POST", language: "en-US", action: "https://x.test/api/twilio/voice/gather?step=menu&attempt=1&lang=en", hints: "sales, buy, support" });
    const says = findAll(gather, "Say");
    expect(says[0]!.text).toBe("Welcome.");
    expect(spokenText(gather)).toContain("For sales, press 1.");
    expect(spokenText(gather)).toContain("For support, press 2.");
    expect(says.at(-1)).toMatchObject({ attrs: { voice: "alice", language: "es-MX" } });
  });

  it("speaks the Spanish menu without offering Spanish again", () => {
    const r = parseTwiml(buildMenuTwiml({ language: "es", options: OPTIONS, actionUrl: "https://x.test/a", preamble: [], offerSpanish: true }));
    expect(findAll(r, "Gather")[0]!.attrs.language).toBe("es-MX");
    expect(spokenText(r)).toContain("Para ventas, oprima 1.");
    expect(spokenText(r)).not.toContain("oprima nueve");
  });

  it("escapes configured text instead of emitting markup", () => {
    const xml = buildMenuTwiml({ language: "en", options: OPTIONS, actionUrl: "https://x.test/a?x=1&y=2", preamble: ['Hi <Hangup/> & "welcome"'], offerSpanish: false });
    const r = parseTwiml(xml);
    expect(findAll(r, "Hangup")).toHaveLength(0);
    expect(findAll(r, "Say")[0]!.text).toBe('Hi <Hangup/> & "welcome"');
    expect(findAll(r, "Gather")[0]!.attrs.action).toBe("https://x.test/a?x=1&y=2");
  });

  it("enqueues into the workflow with the Task attributes as JSON", () => {
    const attributes = { type: "call", queue: "sales", language: "en", caller: "+12025550111", contact_id: "c1", ivr_path: ["1"] };
    const r = parseTwiml(buildEnqueueTwiml({ language: "en", announcement: "Connecting you to sales.", workflowSid: "WW0123", attributes, priority: 10, waitUrl: "https://x.test/wait", actionUrl: "https://x.test/exit" }));
    expect(r.children.map((c) => c.name)).toEqual(["Say", "Enqueue"]);
    const enqueue = r.children[1]!;
    expect(enqueue.attrs).toEqual({ workflowSid: "WW0123", action: "https://x.test/exit", method: "POST", waitUrl: "https://x.test/wait", waitUrlMethod: "POST" });
    const task = findAll(enqueue, "Task")[0]!;
    expect(task.attrs.priority).toBe("10");
    expect(JSON.parse(task.text)).toEqual(attributes);
  });

  it("keeps JSON in <Task> intact even when a value contains markup", () => {
    const attributes = { caller: "</Task><Hangup/>", note: "a & b" };
    const r = parseTwiml(buildEnqueueTwiml({ language: "en", announcement: null, workflowSid: "WW1", attributes, waitUrl: "https://x/w", actionUrl: "https://x/a" }));
    expect(findAll(r, "Hangup")).toHaveLength(0);
    expect(JSON.parse(findAll(r, "Task")[0]!.text)).toEqual(attributes);
  });

  it("plays hold music with position, estimate and the voicemail/callback keys", () => {
    const r = parseTwiml(buildWaitTwiml({ language: "en", position: 3, estimatedMinutes: 4, holdMusicUrl: "https://x.test/hold", choiceUrl: "https://x.test/wait?step=choice" }));
    const gather = r.children[0]!;
    expect(gather.name).toBe("Gather");
    expect(gather.attrs).toMatchObject({ input: "dtmf", numDigits: "1", action: "https://x.test/wait?step=choice" });
    expect(spokenText(gather)).toContain("You are number 3 in line.");
    expect(spokenText(gather)).toContain("about 4 minutes");
    expect(spokenText(gather)).toContain("press 1");
    expect(findAll(gather, "Play")[0]!.text).toBe("https://x.test/hold");
  });

  it("says 'next in line' and 'shortly' when Twilio gives no position or history", () => {
    expect(spokenText(parseTwiml(buildWaitTwiml({ language: "en", position: 1, estimatedMinutes: null, holdMusicUrl: "h", choiceUrl: "c" })))).toContain("You are next in line.");
    const none = spokenText(parseTwiml(buildWaitTwiml({ language: "en", position: null, estimatedMinutes: null, holdMusicUrl: "h", choiceUrl: "c" })));
    expect(none).toContain("Someone will be with you shortly");
    expect(none).not.toContain("estimated");
  });

  it("leaves the queue with <Leave/>", () => {
    expect(parseTwiml(buildLeaveQueueTwiml()).children.map((c) => c.name)).toEqual(["Leave"]);
  });

  it("records a transcribed voicemail with callbacks, then says goodbye if nothing was recorded", () => {
    const r = parseTwiml(buildVoicemailTwiml({ language: "en", preamble: ["We are closed."], actionUrl: "https://x/vm?step=recorded", transcribeCallbackUrl: "https://x/vm?step=transcription", recordingStatusCallbackUrl: "https://x/rec" }));
    expect(r.children.map((c) => c.name)).toEqual(["Say", "Say", "Record", "Say", "Hangup"]);
    expect(r.children[0]!.text).toBe("We are closed.");
    expect(r.children[2]!.attrs).toMatchObject({ action: "https://x/vm?step=recorded", transcribe: "true", transcribeCallback: "https://x/vm?step=transcription", maxLength: "120", finishOnKey: "#", playBeep: "true", recordingStatusCallback: "https://x/rec", recordingStatusCallbackEvent: "completed" });
  });

  it("asks for a callback number and hangs up politely if none comes", () => {
    const r = parseTwiml(buildCallbackNumberTwiml({ language: "en", actionUrl: "https://x/g", invalid: true }));
    expect(r.children.map((c) => c.name)).toEqual(["Gather", "Say", "Hangup"]);
    expect(r.children[0]!.attrs).toMatchObject({ input: "dtmf", finishOnKey: "#", action: "https://x/g" });
    expect(spokenText(r.children[0]!)).toContain("does not look right");
  });

  it("answers failures with a spoken apology and hang-up or voicemail", () => {
    const plain = parseTwiml(apologyTwiml());
    expect(plain.children.map((c) => c.name)).toEqual(["Say", "Say", "Hangup"]);
    const vm = parseTwiml(apologyWithVoicemailTwiml("https://x/vm"));
    expect(vm.children.map((c) => c.name)).toEqual(["Say", "Record", "Say", "Hangup"]);
    expect(vm.children[1]!.attrs.action).toBe("https://x/vm");
  });
});

describe("outbound TwiML", () => {
  it("joins the agent's leg to the task's conference: labelled, silent while waiting, may leave without ending it", () => {
    const input = { conferenceName: "WT123", participantLabel: "agent:u1", record: true, conferenceStatusCallbackUrl: "https://x/conf", recordingStatusCallbackUrl: "https://x/rec" };
    const r = parseTwiml(buildOutboundConferenceTwiml(input));
    const conference = r.children[0]!.children[0]!;
    expect(conference).toMatchObject({ name: "Conference", text: "WT123" });
    expect(conference.attrs).toMatchObject({
      participantLabel: "agent:u1", startConferenceOnEnter: "true", endConferenceOnExit: "false", beep: "false", waitUrl: "",
      record: "record-from-start", recordingStatusCallback: "https://x/rec", statusCallback: "https://x/conf", statusCallbackEvent: "start end join leave mute hold modify",
    });
    const unrecorded = parseTwiml(buildOutboundConferenceTwiml({ ...input, record: false })).children[0]!.children[0]!;
    expect(unrecorded.attrs.record).toBe("do-not-record");
    expect(unrecorded.attrs.recordingStatusCallback).toBeUndefined();
  });

  it("dials a number with the business caller ID, dual-channel recording and status callbacks", () => {
    const r = parseTwiml(buildOutboundDialTwiml({ callerId: "+12025550100", target: { kind: "number", number: "+12025550111" }, record: true, recordingStatusCallbackUrl: "https://x/rec", statusCallbackUrl: "https://x/status" }));
    const dial = r.children[0]!;
    expect(dial.name).toBe("Dial");
    expect(dial.attrs).toMatchObject({ callerId: "+12025550100", record: "record-from-answer-dual", recordingStatusCallback: "https://x/rec", answerOnBridge: "true" });
    expect(dial.children[0]).toMatchObject({ name: "Number", text: "+12025550111", attrs: { statusCallback: "https://x/status", statusCallbackEvent: "initiated ringing answered completed" } });
  });

  it("dials another agent's client without recording when recording is off", () => {
    const r = parseTwiml(buildOutboundDialTwiml({ callerId: "+12025550100", target: { kind: "client", identity: "bob" }, record: false, recordingStatusCallbackUrl: "r", statusCallbackUrl: "s" }));
    expect(r.children[0]!.attrs.record).toBe("do-not-record");
    expect(r.children[0]!.attrs.recordingStatusCallback).toBeUndefined();
    expect(r.children[0]!.children[0]).toMatchObject({ name: "Client", text: "bob" });
  });
});
