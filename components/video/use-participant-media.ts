"use client";

import { useEffect, useState } from "react";
import type { AudioTrack, LocalParticipant, Participant, RemoteParticipant, VideoTrack } from "twilio-video";

export interface ParticipantMedia {
  camera: VideoTrack | null;
  screen: VideoTrack | null;
  audio: AudioTrack | null;
  cameraEnabled: boolean;
  audioEnabled: boolean;
  networkLevel: number | null;
}

function read(participant: Participant): ParticipantMedia {
  let camera: VideoTrack | null = null;
  let screen: VideoTrack | null = null;
  let audio: AudioTrack | null = null;
  for (const publication of participant.videoTracks.values()) {
    const track = publication.track as VideoTrack | null;
    if (!track) continue;
    if (publication.trackName === "screen") screen = track;
    else camera = track;
  }
  for (const publication of participant.audioTracks.values()) if (publication.track) audio = publication.track as AudioTrack;
  return {
    camera, screen, audio,
    cameraEnabled: camera?.isEnabled ?? false,
    audioEnabled: audio?.isEnabled ?? false,
    networkLevel: participant.networkQualityLevel,
  };
}

const EVENTS = ["trackSubscribed", "trackUnsubscribed", "trackPublished", "trackUnpublished", "trackEnabled", "trackDisabled", "networkQualityLevelChanged", "trackStarted"];

/** A participant's camera, screen and microphone tracks, re-read on every SDK event that changes them. */
export function useParticipantMedia(participant: LocalParticipant | RemoteParticipant, version = 0): ParticipantMedia {
  const [media, setMedia] = useState(() => read(participant));
  useEffect(() => {
    const update = () => setMedia(read(participant));
    update();
    for (const event of EVENTS) participant.on(event, update);
    return () => {
      for (const event of EVENTS) participant.off(event, update);
    };
  }, [participant, version]);
  return media;
}
