/**
 * Twilio webhook parameters (docs/twilio-contract.md §2, §4, §7). Objects are loose: Twilio adds
 * parameters over time and the signature covers them all. Numbers arrive as strings.
 */
import { z } from "zod";

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `expected a ${prefix} SID`);
const optionalInt = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().int().optional());
const optionalNumber = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().optional());
const bool = z.preprocess((v) => (v === undefined ? undefined : v === "true" || v === true), z.boolean().optional());
const text = z.string().optional();
/** A JSON string parameter (TaskAttributes, WorkerAttributes) parsed into an object. */
const jsonObject = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s) return {} as Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(s);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: "custom", message: "expected a JSON object string" });
    return z.NEVER;
  });

export const voiceRequestSchema = z.looseObject({
  CallSid: sid("CA"),
  AccountSid: sid("AC"),
  From: z.string().default(""),
  To: z.string().default(""),
  CallStatus: text,
  Direction: text,
  ParentCallSid: text,
});
export type VoiceRequest = z.infer<typeof voiceRequestSchema>;

export const gatherRequestSchema = voiceRequestSchema.extend({
  Digits: text,
  SpeechResult: text,
  Confidence: optionalNumber,
});
export type GatherRequest = z.infer<typeof gatherRequestSchema>;

export const waitRequestSchema = voiceRequestSchema.extend({
  Digits: text,
  QueuePosition: optionalInt,
  QueueSid: text,
  QueueTime: optionalInt,
  AvgQueueTime: optionalInt,
  CurrentQueueSize: optionalInt,
});
export type WaitRequest = z.infer<typeof waitRequestSchema>;

export const enqueueActionSchema = gatherRequestSchema.extend({
  QueueResult: text,
  QueueSid: text,
  QueueTime: optionalInt,
});
export type EnqueueActionRequest = z.infer<typeof enqueueActionSchema>;

export const voicemailRequestSchema = voiceRequestSchema.extend({
  RecordingUrl: text,
  RecordingSid: text,
  RecordingDuration: optionalInt,
  Digits: text,
  TranscriptionSid: text,
  TranscriptionText: text,
  TranscriptionStatus: text,
});
export type VoicemailRequest = z.infer<typeof voicemailRequestSchema>;

export const callStatusSchema = voiceRequestSchema.extend({
  CallStatus: z.string(),
  SequenceNumber: optionalInt,
  Timestamp: text,
  CallDuration: optionalInt,
  CallbackSource: text,
});
export type CallStatusRequest = z.infer<typeof callStatusSchema>;

export const recordingStatusSchema = z.looseObject({
  AccountSid: sid("AC"),
  RecordingSid: sid("RE"),
  RecordingUrl: z.string().url(),
  RecordingStatus: z.string(),
  RecordingDuration: optionalInt,
  RecordingChannels: optionalInt,
  RecordingStartTime: text,
  RecordingSource: text,
  CallSid: text,
  ConferenceSid: text,
  ErrorCode: text,
});
export type RecordingStatusRequest = z.infer<typeof recordingStatusSchema>;

export const conferenceStatusSchema = z.looseObject({
  AccountSid: sid("AC"),
  ConferenceSid: sid("CF"),
  FriendlyName: z.string(),
  StatusCallbackEvent: z.string(),
  SequenceNumber: optionalInt,
  Timestamp: text,
  CallSid: text,
  Muted: bool,
  Hold: bool,
  Coaching: bool,
  ParticipantLabel: text,
  ReasonConferenceEnded: text,
});
export type ConferenceStatusRequest = z.infer<typeof conferenceStatusSchema>;

export const assignmentRequestSchema = z.looseObject({
  AccountSid: sid("AC"),
  WorkspaceSid: sid("WS"),
  WorkflowSid: text,
  TaskQueueSid: text,
  TaskSid: sid("WT"),
  ReservationSid: sid("WR"),
  WorkerSid: sid("WK"),
  TaskAttributes: jsonObject,
  WorkerAttributes: jsonObject,
  TaskAge: optionalInt,
  TaskPriority: optionalInt,
});
export type AssignmentRequest = z.infer<typeof assignmentRequestSchema>;

export const taskRouterEventSchema = z.looseObject({
  AccountSid: sid("AC"),
  WorkspaceSid: sid("WS"),
  EventType: z.string(),
  Sid: text,
  ResourceType: text,
  ResourceSid: text,
  EventDescription: text,
  Timestamp: optionalInt,
  TimestampMs: optionalInt,
  TaskSid: text,
  TaskAttributes: jsonObject,
  TaskAssignmentStatus: text,
  TaskPriority: optionalInt,
  TaskAge: optionalInt,
  TaskCanceledReason: text,
  TaskCompletedReason: text,
  TaskQueueSid: text,
  TaskChannelUniqueName: text,
  WorkflowSid: text,
  ReservationSid: text,
  WorkerSid: text,
  WorkerName: text,
  WorkerActivitySid: text,
  WorkerActivityName: text,
  WorkerPreviousActivitySid: text,
  WorkerTimeInPreviousActivityMs: optionalInt,
});
export type TaskRouterEvent = z.infer<typeof taskRouterEventSchema>;

export const messagingIncomingSchema = z.looseObject({
  AccountSid: sid("AC"),
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  From: z.string(),
  To: z.string(),
  Body: z.string().default(""),
  NumMedia: optionalInt,
});
export type MessagingIncoming = z.infer<typeof messagingIncomingSchema>;

export const messagingStatusSchema = z.looseObject({
  AccountSid: sid("AC"),
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  MessageStatus: z.string(),
  ErrorCode: optionalInt,
  ErrorMessage: text,
});
export type MessagingStatus = z.infer<typeof messagingStatusSchema>;

export const videoStatusSchema = z.looseObject({
  AccountSid: sid("AC"),
  RoomSid: sid("RM"),
  RoomName: z.string(),
  RoomStatus: text,
  RoomType: text,
  StatusCallbackEvent: z.string(),
  SequenceNumber: optionalInt,
  Timestamp: text,
  RoomDuration: optionalInt,
  ParticipantSid: text,
  ParticipantIdentity: text,
  ParticipantStatus: text,
  ParticipantDuration: optionalInt,
  RecordingSid: text,
  TrackName: text,
  SourceSid: text,
  Type: text,
  Container: text,
  Duration: optionalInt,
  Size: optionalInt,
});
export type VideoStatus = z.infer<typeof videoStatusSchema>;
