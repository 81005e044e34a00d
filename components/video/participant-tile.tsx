"use client";

import { useRef } from "react";
import type { LocalParticipant, RemoteParticipant } from "twilio-video";
import { cn } from "@/components/ui/cn";
import { displayNameOf } from "@/lib/video-identity";
import { useParticipantMedia } from "./use-participant-media";
import { AudioView, VideoView } from "./video-view";

export interface TileActions {
  onMute?: () => void;
  onRemove?: () => void;
  onSnapshot?: (video: HTMLVideoElement, name: string) => void;
}

function NetworkBars({ level }: { level: number | null }) {
  if (level === null) return null;
  return (
    <span className="flex items-end gap-0.5" title={`Network quality ${level} of 5`} aria-label={`Network quality ${level} of 5`} data-testid="network-quality" data-level={level}>
      {[1, 2, 3, 4, 5].map((bar) => (
        <span key={bar} className={cn("w-1 rounded-sm", bar <= level ? (level >= 3 ? "bg-emerald-400" : "bg-amber-400") : "bg-white/30")} style={{ height: `${bar * 3}px` }} />
      ))}
    </span>
  );
}

export function ParticipantTile({ participant, isLocal, isDominant, version, actions }: { participant: LocalParticipant | RemoteParticipant; isLocal: boolean; isDominant: boolean; version: number; actions?: TileActions }) {
  const media = useParticipantMedia(participant, version);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const name = displayNameOf(participant.identity);
  return (
    <figure
      data-testid="participant-tile"
      data-identity={participant.identity}
      data-name={name}
      data-dominant={isDominant ? "true" : "false"}
      className={cn("relative aspect-video overflow-hidden rounded-lg bg-slate-800 ring-2", isDominant ? "ring-emerald-400" : "ring-transparent")}
    >
      {media.camera && media.cameraEnabled ? (
        <VideoView ref={videoRef} track={media.camera} mirror={isLocal} testId={isLocal ? "local-video" : "remote-video"} />
      ) : (
        <div className="flex h-full items-center justify-center text-3xl font-semibold text-white/80" aria-label="Camera off">{name.slice(0, 1).toUpperCase()}</div>
      )}
      {!isLocal && media.audio ? <AudioView track={media.audio} testId="remote-audio" /> : null}
      <figcaption className="absolute inset-x-0 bottom-0 flex items-center justify-between gap-2 bg-gradient-to-t from-black/70 to-transparent px-3 py-2 text-sm text-white">
        <span className="flex min-w-0 items-center gap-2">
          <span className="truncate">{name}{isLocal ? " (you)" : ""}</span>
          {!media.audioEnabled ? <span className="rounded bg-red-600 px-1.5 text-xs" data-testid="muted-indicator">muted</span> : null}
        </span>
        <NetworkBars level={media.networkLevel} />
      </figcaption>
      {actions && (actions.onMute || actions.onRemove || actions.onSnapshot) ? (
        <div className="absolute top-2 right-2 flex gap-1">
          {actions.onSnapshot && media.camera ? (
            <button type="button" className="rounded bg-black/60 px-2 py-1 text-xs text-white hover:bg-black/80" onClick={() => videoRef.current && actions.onSnapshot?.(videoRef.current, name)}>
              Snapshot
            </button>
          ) : null}
          {actions.onMute && media.audioEnabled ? (
            <button type="button" className="rounded bg-black/60 px-2 py-1 text-xs text-white hover:bg-black/80" onClick={actions.onMute}>Mute {name}</button>
          ) : null}
          {actions.onRemove ? (
            <button type="button" className="rounded bg-red-700/80 px-2 py-1 text-xs text-white hover:bg-red-700" onClick={actions.onRemove}>Remove {name}</button>
          ) : null}
        </div>
      ) : null}
    </figure>
  );
}
