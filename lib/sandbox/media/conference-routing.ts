/**
 * Who hears whom in a Twilio conference, as `MediaApi.setRouting` routes. The voice engine owns
 * the participants; this pure function turns their flags into routes so every engine (and the
 * tests) agree on Twilio's semantics:
 *
 * - nobody hears themselves;
 * - before the conference starts (no `startConferenceOnEnter` participant yet) everyone hears
 *   the wait music and nobody else;
 * - `hold`: hears only the hold music; nobody hears them;
 * - `muted` (supervisor **monitor** is a muted participant): hears everyone, heard by nobody;
 * - `coaching` + `callSidToCoach` (**whisper**): hears everyone, heard only by the coached
 *   participant;
 * - **barge** is an ordinary participant: heard by all.
 */
import type { PromptSpec } from "../core/types";

export interface ConferenceParticipantAudio {
  callSid: string;
  muted?: boolean;
  hold?: boolean;
  coaching?: boolean;
  callSidToCoach?: string | null;
  /** What this participant hears while held (the participant's `holdUrl`); default music. */
  holdPrompt?: PromptSpec | null;
}

export interface ConferenceAudioState {
  started: boolean;
  participants: ConferenceParticipantAudio[];
  /** The conference `waitUrl` audio while it has not started. */
  waitPrompt?: PromptSpec | null;
}

export type Route = { callSid: string; hears: string[]; prompt?: PromptSpec | null };

/** Twilio's default hold music when a participant has no `holdUrl`. */
export const DEFAULT_HOLD_PROMPT: PromptSpec = { kind: "play", url: "sandbox:hold-music", loop: 0 };

export function conferenceRoutes(state: ConferenceAudioState): Route[] {
  return state.participants.map((me) => {
    if (!state.started)
      return { callSid: me.callSid, hears: [], prompt: state.waitPrompt ?? DEFAULT_HOLD_PROMPT };
    if (me.hold)
      return { callSid: me.callSid, hears: [], prompt: me.holdPrompt ?? DEFAULT_HOLD_PROMPT };
    const hears = state.participants
      .filter((other) => other.callSid !== me.callSid && isHeardBy(other, me))
      .map((other) => other.callSid);
    return { callSid: me.callSid, hears, prompt: null };
  });
}

/** The legs a conference recording mixes: what an ordinary participant hears. */
export function conferenceRecordingSources(state: ConferenceAudioState): string[] {
  if (!state.started) return [];
  return state.participants.filter((p) => !p.hold && !p.muted && !p.coaching).map((p) => p.callSid);
}

function isHeardBy(
  speaker: ConferenceParticipantAudio,
  listener: ConferenceParticipantAudio,
): boolean {
  if (speaker.hold || speaker.muted) return false;
  if (speaker.coaching) return speaker.callSidToCoach === listener.callSid;
  return true;
}
