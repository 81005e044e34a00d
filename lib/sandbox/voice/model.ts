/** The voice engine's state: call legs, conferences, queues, recordings (all plain, serialisable). */
import type { CallStatus, EndpointKind } from "../core/types";

export type Method = "GET" | "POST";

export interface Call {
  sid: string;
  parentCallSid: string | null;
  from: string;
  to: string;
  direction: "inbound" | "outbound-api" | "outbound-dial";
  status: CallStatus;
  /** Who is behind the far end of this leg (the caller for inbound legs, the callee otherwise). */
  endpoint: EndpointKind;
  dateCreated: number;
  dateUpdated: number;
  startTime: number | null;
  endTime: number | null;
  phoneNumberSid: string | null;
  applicationSid: string | null;
  forwardedFrom: string | null;
  callerName: string | null;
  queueTime: number;
  /** TwiML source: the document URL (and inline TwiML when created with `Twiml`). */
  url: string | null;
  method: Method;
  fallbackUrl: string | null;
  fallbackMethod: Method;
  twiml: string | null;
  statusCallback: string | null;
  statusCallbackMethod: Method;
  statusCallbackEvents: string[];
  sequence: number;
  timeoutSeconds: number;
  timeLimitSeconds: number;
  customParameters: Record<string, string>;
  /** Extra params on every TwiML request for this leg (Voice SDK `connect` params). */
  extraParams: Record<string, string>;
  /** REST `Record=true`. */
  record: {
    channels: "mono" | "dual";
    statusCallback: string | null;
    statusCallbackMethod: Method;
    statusCallbackEvents: string[];
    track: string;
  } | null;
  recordingSids: string[];
  sipResponseCode: number | null;
  /** Where the leg is now (for the console and for routing). */
  activity: CallActivity;
  /** Scripted speech said on this leg (becomes <Record> transcription text). */
  answeredBy: string | null;
  errorCode: number | null;
}

export type CallActivity =
  | { kind: "idle" }
  | { kind: "ringing" }
  | { kind: "twiml"; verb: string }
  | { kind: "bridged"; withCallSid: string }
  | { kind: "conference"; conferenceSid: string }
  | { kind: "queue"; queueSid: string | null; taskSid: string | null }
  | { kind: "ended" };

export interface Participant {
  callSid: string;
  label: string | null;
  muted: boolean;
  hold: boolean;
  holdUrl: string | null;
  holdMethod: Method;
  coaching: boolean;
  callSidToCoach: string | null;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  beep: string;
  status: "queued" | "connecting" | "ringing" | "connected" | "complete" | "failed";
  waitUrl: string | null;
  waitMethod: Method;
  dateCreated: number;
  dateUpdated: number;
  queueTime: number;
}

export interface Conference {
  sid: string;
  friendlyName: string;
  status: "init" | "in-progress" | "completed";
  dateCreated: number;
  dateUpdated: number;
  startTime: number | null;
  participants: Participant[];
  /** Call SIDs that were ever connected (participant lists keep the live ones only). */
  history: string[];
  reasonConferenceEnded: string | null;
  callSidEndingConference: string | null;
  statusCallback: string | null;
  statusCallbackMethod: Method;
  statusCallbackEvents: string[];
  sequence: number;
  record: boolean;
  recordingStatusCallback: string | null;
  recordingStatusCallbackMethod: Method;
  recordingStatusCallbackEvents: string[];
  recordingSid: string | null;
  maxParticipants: number;
}

export interface QueueMember {
  callSid: string;
  dateEnqueued: number;
}

export interface Queue {
  sid: string;
  friendlyName: string;
  maxSize: number;
  dateCreated: number;
  dateUpdated: number;
  members: QueueMember[];
  /** Waits of members who left, for average_wait_time. */
  waits: number[];
}

export interface Recording {
  sid: string;
  callSid: string | null;
  conferenceSid: string | null;
  dateCreated: number;
  dateUpdated: number;
  startTime: number;
  duration: number | null;
  status:
    | "in-progress"
    | "paused"
    | "stopped"
    | "processing"
    | "completed"
    | "absent"
    | "failed"
    | "deleted";
  channels: number;
  source:
    | "DialVerb"
    | "Conference"
    | "OutboundAPI"
    | "RecordVerb"
    | "StartCallRecordingAPI"
    | "StartConferenceRecordingAPI";
  track: "inbound" | "outbound" | "both";
  errorCode: number | null;
  /** WAV bytes, base64 in snapshots. */
  wav: string | null;
  /** True when the audio is the sandbox's generated comfort noise, not the call's mix. */
  synthetic: boolean;
  transcriptions: Transcription[];
}

export interface Transcription {
  sid: string;
  recordingSid: string;
  dateCreated: number;
  dateUpdated: number;
  duration: number;
  status: "in-progress" | "completed" | "failed";
  text: string;
}

export interface VoiceState {
  calls: Call[];
  conferences: Conference[];
  queues: Queue[];
  recordings: Recording[];
}

export const TERMINAL: ReadonlySet<CallStatus> = new Set([
  "completed",
  "busy",
  "failed",
  "no-answer",
  "canceled",
]);

export function isTerminal(status: CallStatus): boolean {
  return TERMINAL.has(status);
}
