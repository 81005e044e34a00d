"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const TEST_MS = 2_500;

/** Routes an audio element to an output device where the browser can (`setSinkId`). */
export async function routeTo(element: HTMLAudioElement, sinkId: string): Promise<void> {
  if (typeof element.setSinkId !== "function") return;
  // "default" is Chromium's id for the system default; other browsers use "".
  await element.setSinkId(sinkId === "default" ? "" : sinkId);
}

/** Plays a short sound on the chosen output so the agent can check they hear it. */
export function SpeakerTest({ sinkId, label = "Play test sound" }: { sinkId: string; label?: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = audio.current;
    if (!playing || !element) return;
    const id = setTimeout(() => setPlaying(false), TEST_MS);
    return () => {
      clearTimeout(id);
      element.pause();
    };
  }, [playing]);

  async function play() {
    const element = audio.current;
    if (!element || playing) return;
    setError(null);
    try {
      await routeTo(element, sinkId);
      element.currentTime = 0;
      await element.play();
      setPlaying(true);
    } catch (e) {
      setError(e instanceof Error && e.name === "NotFoundError" ? "That speaker is not connected." : "The test sound could not be played.");
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      {/* aria-disabled, not disabled: a disabled button drops keyboard focus (and Escape with it). */}
      <Button variant="secondary" size="sm" aria-disabled={playing} onClick={() => void play()}>
        {playing ? "Playing…" : label}
      </Button>
      <span role="status" aria-live="polite" className="text-sm" data-testid="speaker-test-status">
        {error ? <span className="text-red-700">{error}</span> : playing ? <span className="text-slate-600">Playing a ring on this speaker.</span> : null}
      </span>
      <audio ref={audio} src="/sounds/ringtone.wav" preload="none" onEnded={() => setPlaying(false)} data-testid="speaker-test-sound" aria-hidden="true" />
    </div>
  );
}
