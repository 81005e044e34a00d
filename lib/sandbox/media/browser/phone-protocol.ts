/**
 * Messages of `ws /phone/signal`, the sandbox console's browser "customer phone" (JSON text
 * frames). Shared by the sandbox (server) and CustomerPhone (browser); no imports either side.
 *
 * The phone always makes the WebRTC offer (when dialling, and when answering a ring), the
 * sandbox answers: one peer connection per call, PCMU audio.
 */

/** Phone → sandbox. Requests with an `id` get exactly one `reply` with the same id. */
export type PhoneRequest =
  | { type: "hello"; id: number; number: string }
  | { type: "dial"; id: number; to: string; sdp: string }
  | { type: "answer"; id: number; callSid: string; sdp: string }
  | { type: "reject"; id: number; callSid: string }
  | { type: "hangup"; id: number; callSid: string }
  | { type: "digits"; id: number; callSid: string; digits: string }
  | { type: "speech"; id: number; callSid: string; text: string };

export type PhoneReply = {
  type: "reply";
  id: number;
  ok: boolean;
  /** `dial`: the new call; `answer`/`dial`: the sandbox's SDP answer. */
  callSid?: string;
  sdp?: string;
  number?: string;
  error?: { code: string; message: string };
};

/** Sandbox → phone, unprompted. */
export type PhoneEvent =
  | PhoneReply
  /** Someone calls this phone's number (the voice engine dialled it). */
  | { type: "ring"; callSid: string; from: string; to: string }
  /** The caller gave up (or the ring timed out) before it was answered. */
  | { type: "ring-canceled"; callSid: string }
  /** A call status change (queued, ringing, in-progress, completed, busy, failed, no-answer, canceled). */
  | { type: "status"; callSid: string; status: string }
  /** The other side or the sandbox ended the call. */
  | { type: "hangup"; callSid: string }
  /** Words spoken to this phone by `<Say>` (live captions). */
  | { type: "caption"; callSid: string; text: string };

export const PHONE_SIGNAL_PATH = "/phone/signal";

/** E.164: a plus, a non-zero country digit, up to 15 digits. */
export const E164 = /^\+[1-9]\d{6,14}$/;
