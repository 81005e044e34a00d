/**
 * TwiML for the inbound call flow and the softphone's outbound calls, built with twilio-node's
 * VoiceResponse (which escapes every attribute and text node). Pure functions of plain data, so
 * every branch is unit-tested by parsing the XML.
 * https://www.twilio.com/docs/voice/twiml/gather  https://www.twilio.com/docs/voice/twiml/enqueue
 * https://www.twilio.com/docs/voice/twiml/record  https://www.twilio.com/docs/voice/twiml/dial
 * https://www.twilio.com/docs/voice/twiml/leave   https://www.twilio.com/docs/taskrouter/twiml-queue-calls
 */
import twilio from "twilio";
import { optionLabel, prompts, SAY_LOCALE, sayAttributes, type IvrLanguage } from "./prompts";

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

export interface MenuOption {
  digit: string;
  label: string;
  keywords: string[];
}

/** The digit that switches the menu to Spanish (offered in English only). */
export const SPANISH_DIGIT = "9";

export interface MenuInput {
  language: IvrLanguage;
  options: MenuOption[];
  actionUrl: string;
  /** Spoken before the menu (greeting, "sorry, I didn't get that"). */
  preamble: string[];
  offerSpanish: boolean;
}

/**
 * The IVR menu. `actionOnEmptyResult` makes Twilio call the action URL on silence too, so the
 * "no input" branch is handled by the same code as an invalid choice.
 */
export function buildMenuTwiml(input: MenuInput): string {
  const response = new twilio.twiml.VoiceResponse();
  const p = prompts(input.language);
  const hints = input.options.flatMap((o) => o.keywords).join(", ");
  const gather = response.gather({
    input: ["dtmf", "speech"],
    numDigits: 1,
    timeout: 6,
    speechTimeout: "auto",
    action: input.actionUrl,
    method: "POST",
    actionOnEmptyResult: true,
    language: SAY_LOCALE[input.language],
    ...(hints ? { hints } : {}),
  });
  const say = sayAttributes(input.language);
  for (const line of input.preamble) gather.say(say, line);
  for (const option of input.options) gather.say(say, p.press(option.digit, optionLabel(option.label, input.language)));
  gather.say(say, p.orSay);
  if (input.offerSpanish && input.language === "en") gather.say(sayAttributes("es"), p.spanishOffer);
  return response.toString();
}

export interface EnqueueInput {
  language: IvrLanguage;
  announcement: string | null;
  workflowSid: string;
  /** Task attributes; TaskRouter merges them with the call's own parameters. */
  attributes: Record<string, unknown>;
  priority?: number;
  /** Task TTL in seconds. */
  timeout?: number;
  waitUrl: string;
  actionUrl: string;
}

export function buildEnqueueTwiml(input: EnqueueInput): string {
  const response = new twilio.twiml.VoiceResponse();
  if (input.announcement) response.say(sayAttributes(input.language), input.announcement);
  appendEnqueue(response, input);
  return response.toString();
}

function appendEnqueue(response: VoiceResponse, input: EnqueueInput) {
  const enqueue = response.enqueue({
    workflowSid: input.workflowSid,
    action: input.actionUrl,
    method: "POST",
    waitUrl: input.waitUrl,
    waitUrlMethod: "POST",
  });
  enqueue.task(
    { ...(input.priority !== undefined ? { priority: input.priority } : {}), ...(input.timeout ? { timeout: input.timeout } : {}) },
    JSON.stringify(input.attributes),
  );
}

export interface WaitInput {
  language: IvrLanguage;
  /** 1-based position in the queue, when Twilio reported it. */
  position: number | null;
  estimatedMinutes: number | null;
  holdMusicUrl: string;
  /** Where a key press during the wait goes (voicemail / callback). */
  choiceUrl: string;
}

/**
 * The waitUrl document: position, estimated wait, the way out (voicemail or callback), then hold
 * music. Twilio re-requests the waitUrl whenever this runs out. Allowed verbs there: Play, Say,
 * Pause, Hangup, Redirect, Leave, Gather.
 */
export function buildWaitTwiml(input: WaitInput): string {
  const response = new twilio.twiml.VoiceResponse();
  const p = prompts(input.language);
  const say = sayAttributes(input.language);
  const gather = response.gather({ input: ["dtmf"], numDigits: 1, timeout: 1, action: input.choiceUrl, method: "POST" });
  if (input.position !== null) gather.say(say, p.queuePosition(input.position));
  else gather.say(say, p.stillHolding);
  if (input.estimatedMinutes !== null) gather.say(say, p.estimatedWait(input.estimatedMinutes));
  gather.say(say, p.waitOptions);
  gather.play({}, input.holdMusicUrl);
  return response.toString();
}

/** Leaves the queue; Twilio then requests the <Enqueue> action URL with QueueResult=leave. */
export function buildLeaveQueueTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.leave();
  return response.toString();
}

export function buildRedirectTwiml(url: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.redirect({ method: "POST" }, url);
  return response.toString();
}

export interface VoicemailInput {
  language: IvrLanguage;
  /** Said before the voicemail prompt (after hours, holiday…). */
  preamble: string[];
  actionUrl: string;
  transcribeCallbackUrl: string;
  recordingStatusCallbackUrl: string;
}

/**
 * Voicemail with transcription. Transcription limits recordings to 120 s. With no audio Twilio
 * skips the action URL and continues, so the last verbs say goodbye.
 */
export function buildVoicemailTwiml(input: VoicemailInput): string {
  const response = new twilio.twiml.VoiceResponse();
  const p = prompts(input.language);
  const say = sayAttributes(input.language);
  for (const line of input.preamble) response.say(say, line);
  response.say(say, p.voicemailPrompt);
  response.record({
    action: input.actionUrl,
    method: "POST",
    maxLength: 120,
    timeout: 5,
    finishOnKey: "#",
    playBeep: true,
    transcribe: true,
    transcribeCallback: input.transcribeCallbackUrl,
    recordingStatusCallback: input.recordingStatusCallbackUrl,
    recordingStatusCallbackMethod: "POST",
    recordingStatusCallbackEvent: ["completed"],
  });
  response.say(say, p.voicemailEmpty);
  response.hangup();
  return response.toString();
}

export function buildSayAndHangupTwiml(language: IvrLanguage, lines: string[]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const line of lines) response.say(sayAttributes(language), line);
  response.hangup();
  return response.toString();
}

export function buildCallbackNumberTwiml(input: { language: IvrLanguage; actionUrl: string; invalid: boolean }): string {
  const response = new twilio.twiml.VoiceResponse();
  const p = prompts(input.language);
  const say = sayAttributes(input.language);
  const gather = response.gather({ input: ["dtmf"], finishOnKey: "#", timeout: 10, action: input.actionUrl, method: "POST" });
  if (input.invalid) gather.say(say, p.callbackInvalid);
  gather.say(say, p.callbackAskNumber);
  response.say(say, p.goodbye);
  response.hangup();
  return response.toString();
}

export type OutboundTarget = { kind: "number"; number: string } | { kind: "client"; identity: string };

export interface OutboundDialInput {
  callerId: string;
  target: OutboundTarget;
  record: boolean;
  recordingStatusCallbackUrl: string;
  statusCallbackUrl: string;
  /** The Dial action URL: where the agent's leg goes after the dialed party hangs up. */
  actionUrl?: string;
}

/**
 * The softphone's outgoing call: caller ID is always the business number; recording is dual
 * channel from answer when the settings ask for it.
 */
export function buildOutboundDialTwiml(input: OutboundDialInput): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({
    callerId: input.callerId,
    answerOnBridge: true,
    timeout: 30,
    record: input.record ? "record-from-answer-dual" : "do-not-record",
    ...(input.record
      ? { recordingStatusCallback: input.recordingStatusCallbackUrl, recordingStatusCallbackMethod: "POST" as const, recordingStatusCallbackEvent: ["completed" as const] }
      : {}),
    ...(input.actionUrl ? { action: input.actionUrl, method: "POST" as const } : {}),
  });
  const statusCallback = {
    statusCallback: input.statusCallbackUrl,
    statusCallbackMethod: "POST" as const,
    statusCallbackEvent: ["initiated", "ringing", "answered", "completed"] as ("initiated" | "ringing" | "answered" | "completed")[],
  };
  if (input.target.kind === "number") dial.number(statusCallback, input.target.number);
  else dial.client(statusCallback, input.target.identity);
  return response.toString();
}

/** Enqueues an agent's own outbound call into a queue (the softphone dialing `queue:<key>`). */
export function buildOutboundEnqueueTwiml(input: EnqueueInput): string {
  return buildEnqueueTwiml(input);
}

export interface OutboundConferenceInput {
  /** The conference's friendly name: the outbound task's TaskSid. */
  conferenceName: string;
  /** `agent:<userId>`: the conference status callback turns it back into the agent. */
  participantLabel: string;
  record: boolean;
  conferenceStatusCallbackUrl: string;
  recordingStatusCallbackUrl: string;
}

/**
 * The agent's leg of an outbound call placed through a task (like Flex's outbound dialing): it
 * joins the conference named after the TaskSid while the customer is dialed into it over the
 * Participants API. The agent may leave (transfers) without ending the call; silence while waiting.
 * https://www.twilio.com/docs/voice/twiml/conference
 */
export function buildOutboundConferenceTwiml(input: OutboundConferenceInput): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({});
  dial.conference(
    {
      participantLabel: input.participantLabel,
      startConferenceOnEnter: true,
      endConferenceOnExit: false,
      beep: "false",
      waitUrl: "",
      record: input.record ? "record-from-start" : "do-not-record",
      ...(input.record ? { recordingStatusCallback: input.recordingStatusCallbackUrl, recordingStatusCallbackMethod: "POST" as const, recordingStatusCallbackEvent: ["completed" as const] } : {}),
      statusCallback: input.conferenceStatusCallbackUrl,
      statusCallbackMethod: "POST",
      statusCallbackEvent: ["start", "end", "join", "leave", "mute", "hold", "modify"],
    },
    input.conferenceName,
  );
  return response.toString();
}
