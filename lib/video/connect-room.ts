/**
 * The one place the browser picks the Video transport from the token endpoint's answer: the real
 * `twilio-video` SDK in Twilio mode, the sandbox's API-compatible adapter in sandbox mode
 * (lib/sandbox/video/browser, documented in SUPPORT.md). Everything above this file — the room UI,
 * the pre-join screen, host controls — is the same code in both modes. Local camera and microphone
 * tracks are twilio-video's own LocalVideoTrack/LocalAudioTrack in both modes.
 */
import type { LocalAudioTrack, LocalVideoTrack, Room } from "twilio-video";

export interface VideoTokenAnswer {
  token: string;
  identity: string;
  mode: "twilio" | "sandbox";
  sandbox?: { baseUrl: string };
}

/** The data track the room UI sends chat, host requests and recording notices on. */
export interface RoomDataTrack {
  send(data: string): void;
}

export interface ConnectedRoom {
  room: Room;
  dataTrack: RoomDataTrack;
}

export async function connectToRoom(answer: VideoTokenAnswer, roomName: string, tracks: (LocalAudioTrack | LocalVideoTrack)[]): Promise<ConnectedRoom> {
  if (answer.mode === "sandbox") {
    if (!answer.sandbox) throw new Error("The token answer has no sandbox URL.");
    const adapter = await import("@/lib/sandbox/video/browser/video-adapter");
    const dataTrack = new adapter.LocalDataTrack({ name: "chat" });
    const room = await adapter.connect(answer.token, {
      sandboxUrl: answer.sandbox.baseUrl, name: roomName, tracks: [...tracks, dataTrack], dominantSpeaker: true, networkQuality: true,
    });
    // The adapter implements the subset of twilio-video's Room the UI uses (SUPPORT.md).
    return { room: room as unknown as Room, dataTrack };
  }
  const Video = await import("twilio-video");
  const dataTrack = new Video.LocalDataTrack({ name: "chat" });
  const room = await Video.connect(answer.token, {
    name: roomName, tracks: [...tracks, dataTrack], dominantSpeaker: true, networkQuality: { local: 1, remote: 1 },
    bandwidthProfile: { video: { mode: "collaboration" } }, preferredVideoCodecs: [{ codec: "VP8", simulcast: true }],
  });
  return { room, dataTrack };
}

export async function createCameraTrack(deviceId?: string, facingMode?: "user" | "environment"): Promise<LocalVideoTrack> {
  const Video = await import("twilio-video");
  return Video.createLocalVideoTrack({
    name: `camera-${Date.now()}`, width: 640, height: 480, frameRate: 24,
    ...(deviceId ? { deviceId: { exact: deviceId } } : facingMode ? { facingMode } : {}),
  });
}

export async function createMicrophoneTrack(deviceId?: string): Promise<LocalAudioTrack> {
  const Video = await import("twilio-video");
  return Video.createLocalAudioTrack({ name: "microphone", ...(deviceId ? { deviceId: { exact: deviceId } } : {}) });
}

export async function createScreenTrack(): Promise<LocalVideoTrack> {
  const Video = await import("twilio-video");
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 10 }, audio: false });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error("No screen was shared.");
  return new Video.LocalVideoTrack(track, { name: "screen" });
}

/** Twilio Video errors and getUserMedia failures as sentences for the person in the room. */
export function describeVideoError(error: unknown): string {
  const e = error as { name?: string; code?: number; message?: string };
  if (e?.name === "NotAllowedError" || e?.name === "SecurityError") return "Your browser blocked the camera or microphone. Allow access in the address bar (the camera icon), then try again.";
  if (e?.name === "NotFoundError" || e?.name === "OverconstrainedError") return "No camera or microphone was found. Connect one, or join without it.";
  if (e?.name === "NotReadableError") return "Your camera or microphone is in use by another application. Close it and try again.";
  switch (e?.code) {
    case 20101: case 20104: return "Your access to this room has expired. Reload the page to join again.";
    case 53105: return "The room is full.";
    case 53106: case 53118: return "The inspection room has ended.";
    case 53205: return "You joined this room from another tab or device.";
    case 53216: return "The host removed you from the inspection.";
    default: return e?.message ? `The video connection failed: ${e.message}` : "The video connection failed.";
  }
}
