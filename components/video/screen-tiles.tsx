"use client";

import type { LocalParticipant, RemoteParticipant } from "twilio-video";
import { displayNameOf } from "@/lib/video-identity";
import { useParticipantMedia } from "./use-participant-media";
import { VideoView } from "./video-view";

function ScreenTile({ participant, version }: { participant: LocalParticipant | RemoteParticipant; version: number }) {
  const media = useParticipantMedia(participant, version);
  if (!media.screen) return null;
  return (
    <figure className="relative overflow-hidden rounded-lg bg-black" data-testid="screen-share" data-name={displayNameOf(participant.identity)}>
      <div className="aspect-video"><VideoView track={media.screen} fit="contain" testId="screen-video" /></div>
      <figcaption className="absolute top-2 left-2 rounded bg-black/60 px-2 py-1 text-xs text-white">{displayNameOf(participant.identity)} is sharing their screen</figcaption>
    </figure>
  );
}

/** Shared screens, shown above the participant grid. */
export function ScreenTiles({ participants, version }: { participants: (LocalParticipant | RemoteParticipant)[]; version: number }) {
  return <>{participants.map((p) => <ScreenTile key={p.sid} participant={p} version={version} />)}</>;
}
