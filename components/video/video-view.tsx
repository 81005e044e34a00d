"use client";

import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { AudioTrack, VideoTrack } from "twilio-video";

/** Attaches a video track to a <video> element for as long as it is shown. */
export const VideoView = forwardRef<HTMLVideoElement | null, { track: VideoTrack; mirror?: boolean; fit?: "cover" | "contain"; testId?: string }>(
  function VideoView({ track, mirror, fit = "cover", testId }, ref) {
    const el = useRef<HTMLVideoElement>(null);
    useImperativeHandle(ref, () => el.current as HTMLVideoElement);
    useEffect(() => {
      const video = el.current;
      if (!video) return;
      track.attach(video);
      return () => void track.detach(video);
    }, [track]);
    return <video ref={el} data-testid={testId} muted playsInline autoPlay className={`h-full w-full bg-slate-900 ${fit === "cover" ? "object-cover" : "object-contain"} ${mirror ? "-scale-x-100" : ""}`} />;
  },
);

/** Plays a remote participant's audio. */
export function AudioView({ track, testId }: { track: AudioTrack; testId?: string }) {
  const el = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = el.current;
    if (!audio) return;
    track.attach(audio);
    return () => void track.detach(audio);
  }, [track]);
  return <audio ref={el} data-testid={testId} autoPlay />;
}
