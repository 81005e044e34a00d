"use client";

import { useEffect, useState } from "react";
import type { RemoteDataTrack, RemoteParticipant, Room, TwilioError } from "twilio-video";
import { parseRoomMessage, type RoomMessage } from "./room-messages";

export interface RoomState {
  participants: RemoteParticipant[];
  dominantSpeaker: RemoteParticipant | null;
  isRecording: boolean;
  /** Bumped on track events so tiles re-read their media. */
  version: number;
}

/**
 * Room-level state from the SDK's events (every `.on` paired with an `.off`): participants,
 * dominant speaker, recording, messages on data tracks, and the end of the connection.
 */
export function useRoomState(room: Room, handlers: { onMessage: (message: RoomMessage, from: RemoteParticipant) => void; onDisconnected: (error: TwilioError | null) => void }): RoomState {
  const [state, setState] = useState<RoomState>(() => ({ participants: [...room.participants.values()], dominantSpeaker: room.dominantSpeaker, isRecording: room.isRecording, version: 0 }));
  const { onMessage, onDisconnected } = handlers;

  useEffect(() => {
    const participants = () => setState((s) => ({ ...s, participants: [...room.participants.values()], version: s.version + 1 }));
    const dominant = (p: RemoteParticipant | null) => setState((s) => ({ ...s, dominantSpeaker: p }));
    const recordingStarted = () => setState((s) => ({ ...s, isRecording: true }));
    const recordingStopped = () => setState((s) => ({ ...s, isRecording: false }));
    const tracks = () => setState((s) => ({ ...s, version: s.version + 1 }));
    const message = (data: string | ArrayBuffer, _track: RemoteDataTrack, participant: RemoteParticipant) => {
      const parsed = parseRoomMessage(typeof data === "string" ? data : new TextDecoder().decode(data));
      if (parsed) onMessage(parsed, participant);
    };
    const disconnected = (_room: Room, error: TwilioError | null) => onDisconnected(error ?? null);
    room.on("participantConnected", participants);
    room.on("participantDisconnected", participants);
    room.on("dominantSpeakerChanged", dominant);
    room.on("recordingStarted", recordingStarted);
    room.on("recordingStopped", recordingStopped);
    room.on("trackSubscribed", tracks);
    room.on("trackUnsubscribed", tracks);
    room.on("trackMessage", message);
    room.on("disconnected", disconnected);
    return () => {
      room.off("participantConnected", participants);
      room.off("participantDisconnected", participants);
      room.off("dominantSpeakerChanged", dominant);
      room.off("recordingStarted", recordingStarted);
      room.off("recordingStopped", recordingStopped);
      room.off("trackSubscribed", tracks);
      room.off("trackUnsubscribed", tracks);
      room.off("trackMessage", message);
      room.off("disconnected", disconnected);
    };
  }, [room, onMessage, onDisconnected]);

  return state;
}
