"use client";

import { useEffect, useState } from "react";

/** Below this (on the 0..1 scale, about -54 dBFS) a microphone counts as silent. */
export const SILENCE_LEVEL = 0.1;
/** How long a test listens before saying nothing is heard. */
export const SILENCE_AFTER_MS = 4_000;
const TICK_MS = 100;
/** The meter falls back by this much per tick, so short sounds stay visible. */
const DECAY = 0.04;

export interface MicrophoneLevel {
  /** 0..1, on a decibel scale from -60 dBFS (0) to 0 dBFS (1). */
  level: number;
  /** True once the microphone gave anything above silence during this test. */
  heard: boolean;
  /** True when the test has listened for a while and heard nothing. */
  silent: boolean;
  error: string | null;
}

function microphoneError(e: unknown): string {
  const name = e instanceof Error || (typeof e === "object" && e !== null) ? (e as { name?: string }).name : undefined;
  if (name === "NotAllowedError" || name === "SecurityError") return "The browser was not allowed to use your microphone. Allow microphone access for this site.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "That microphone is not connected.";
  if (name === "NotReadableError") return "The microphone could not be opened. Check that no other app is using it.";
  return e instanceof Error && e.message ? e.message : "The microphone could not be tested.";
}

/** RMS of one block of samples, on the meter's 0..1 decibel scale. */
export function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(samples.length, 1));
  if (rms <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60));
}

/**
 * Listens to one microphone through the Web Audio API while `run` is a number (each new number
 * is a fresh test): its own `getUserMedia`
 * capture of the chosen device (so it works between calls, and shows what that device hears
 * whatever the softphone uses), measured ten times a second. Everything is released when the
 * test stops or the component unmounts.
 */
export function useMicrophoneLevel(deviceId: string, run: number | null): MicrophoneLevel {
  const [state, setState] = useState<MicrophoneLevel & { key: string | null }>({ key: null, level: 0, heard: false, silent: false, error: null });
  const key = run === null ? null : `${run}:${deviceId}`;

  useEffect(() => {
    if (key === null) return;
    let disposed = false;
    let stream: MediaStream | null = null;
    let context: AudioContext | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    const startedAt = Date.now();
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId === "default" ? true : { deviceId: { exact: deviceId } } });
        if (disposed) return stream.getTracks().forEach((t) => t.stop());
        context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 2048;
        context.createMediaStreamSource(stream).connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        timer = setInterval(() => {
          analyser.getFloatTimeDomainData(samples);
          const level = levelOf(samples);
          setState((s) => {
            const fresh = s.key !== key;
            const heard = (!fresh && s.heard) || level > SILENCE_LEVEL;
            const shown = Math.max(level, fresh ? 0 : s.level - DECAY);
            return { key, level: shown, heard, silent: !heard && Date.now() - startedAt >= SILENCE_AFTER_MS, error: null };
          });
        }, TICK_MS);
      } catch (e) {
        if (!disposed) setState({ key, level: 0, heard: false, silent: false, error: microphoneError(e) });
      }
    })();
    return () => {
      disposed = true;
      clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
      void context?.close().catch(() => undefined);
    };
  }, [key, deviceId]);

  return state.key === key && key !== null ? state : { level: 0, heard: false, silent: false, error: null };
}
