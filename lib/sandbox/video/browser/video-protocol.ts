/**
 * `ws /video/signal`: the sandbox's room signalling, spoken by the browser adapter
 * (browser/video-adapter.ts). Shared by both sides; no Node or app imports.
 *
 * The sandbox owns the room: who is connected (participant SIDs, status callbacks), which tracks
 * each participant publishes, recording state, removal and room end. Media flows peer-to-peer
 * between browsers (one RTCPeerConnection per pair, SDP/ICE relayed by `signal`); while the room
 * is recorded each browser also sends its camera and microphone to the sandbox over a second
 * peer connection (`recorder-offer`), which writes a WebM file per participant.
 */

export interface TrackInfo {
  /** MT… SID, stable for the publication. */
  sid: string;
  name: string;
  kind: "audio" | "video" | "data";
  enabled: boolean;
  /** The MediaStream id the track is sent in over every peer connection (audio/video only). */
  streamId?: string;
}

export interface ParticipantInfo {
  sid: string;
  identity: string;
  tracks: TrackInfo[];
}

export type VideoClientMessage =
  | { type: "connect"; token: string; name?: string }
  | { type: "tracks"; tracks: TrackInfo[] }
  | { type: "signal"; to: string; data: unknown }
  | { type: "data"; trackSid: string; data: string }
  | { type: "network"; level: number }
  | { type: "recorder-offer"; sdp: string }
  | { type: "disconnect" };

export type VideoServerMessage =
  | { type: "connected"; room: { sid: string; name: string; isRecording: boolean }; participant: { sid: string; identity: string }; participants: ParticipantInfo[] }
  | { type: "participant-connected"; participant: ParticipantInfo }
  | { type: "participant-disconnected"; sid: string }
  | { type: "tracks"; participantSid: string; tracks: TrackInfo[] }
  | { type: "signal"; from: string; data: unknown }
  | { type: "data"; from: string; trackSid: string; data: string }
  | { type: "network"; participantSid: string; level: number }
  | { type: "recording"; isRecording: boolean }
  | { type: "recorder-answer"; sdp: string }
  | { type: "error"; code: number; message: string }
  /** The room ended, the participant was removed, or the identity connected elsewhere. */
  | { type: "disconnected"; code: number; message: string };

/** Twilio Video error codes the sandbox uses (https://www.twilio.com/docs/api/errors). */
export const VIDEO_ERRORS = {
  tokenInvalid: 20101,
  tokenExpired: 20104,
  roomNotFound: 53106,
  roomCompleted: 53118,
  roomFull: 53105,
  participantRemoved: 53216,
  duplicateIdentity: 53205,
  signalingError: 53000,
} as const;
