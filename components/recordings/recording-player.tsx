"use client";

/**
 * Plays a recording from the app's authorised media route (never Twilio's URL): waveform drawn
 * on a canvas from the decoded audio, click or arrow keys to seek, playback speed, download.
 * The <audio> element streams with byte ranges; the waveform decodes one full copy.
 */
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDuration } from "@/lib/format";
import { computePeaks } from "./waveform-peaks";

const BARS = 160;
const SPEEDS = [0.5, 1, 1.25, 1.5, 2];

function drawWaveform(canvas: HTMLCanvasElement, peaks: number[], progress: number) {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const bar = width / peaks.length;
  peaks.forEach((peak, i) => {
    const h = Math.max(2, peak * height);
    ctx.fillStyle = i / peaks.length < progress ? "#4f46e5" : "#cbd5e1";
    ctx.fillRect(i * bar, (height - h) / 2, Math.max(1, bar - 1), h);
  });
}

export function RecordingPlayer({ recordingSid, label }: { recordingSid: string; label: string }) {
  const src = `/api/recordings/${recordingSid}/media`;
  const audio = useRef<HTMLAudioElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [peaks, setPeaks] = useState<number[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const res = await fetch(src, { signal: abort.signal });
      if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "The recording could not be loaded.");
      const decoded = await new OfflineAudioContext(1, 1, 8000).decodeAudioData(await res.arrayBuffer());
      if (!abort.signal.aborted) setPeaks(computePeaks(decoded.getChannelData(0), BARS));
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) setFailed(error instanceof Error ? error.message : "The recording could not be loaded.");
    });
    return () => abort.abort();
  }, [src]);

  useEffect(() => {
    if (canvas.current && peaks) drawWaveform(canvas.current, peaks, duration > 0 ? time / duration : 0);
  }, [peaks, time, duration]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  // The server-rendered <audio> may load its metadata before React attaches onLoadedMetadata.
  useEffect(() => {
    const el = audio.current;
    if (el && el.readyState >= HTMLMediaElement.HAVE_METADATA) setDuration(el.duration);
  }, []);

  function seek(seconds: number) {
    const el = audio.current;
    if (!el || !Number.isFinite(el.duration)) return;
    el.currentTime = Math.min(Math.max(0, seconds), el.duration);
    setTime(el.currentTime);
  }

  function toggle() {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setFailed("The browser refused to play the recording."));
    else el.pause();
  }

  return (
    <div className="space-y-2" data-testid="recording-player" aria-label={`Recording: ${label}`} role="group">
      <audio
        ref={audio}
        src={src}
        preload="metadata"
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onRateChange={(e) => setSpeed(e.currentTarget.playbackRate)}
      />
      <canvas
        ref={canvas}
        width={640}
        height={56}
        className="h-14 w-full cursor-pointer rounded bg-slate-50"
        role="slider"
        tabIndex={0}
        aria-label={`Seek in ${label}`}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(time)}
        aria-valuetext={`${formatDuration(time)} of ${formatDuration(duration)}`}
        data-testid="recording-waveform"
        data-ready={peaks ? "true" : "false"}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          seek(((e.clientX - box.left) / box.width) * (audio.current?.duration ?? 0));
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowRight") seek(time + 5);
          if (e.key === "ArrowLeft") seek(time - 5);
        }}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Button size="sm" variant="secondary" onClick={toggle} aria-label={playing ? `Pause ${label}` : `Play ${label}`}>
          {playing ? "Pause" : "Play"}
        </Button>
        <span className="font-mono tabular-nums text-slate-600" data-testid="recording-time">
          {formatDuration(time)} / {formatDuration(duration)}
        </span>
        <label className="inline-flex items-center gap-1 text-slate-600">
          Speed
          <select className="rounded border-0 bg-white py-0.5 text-sm ring-1 ring-slate-300" value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Playback speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>{s}×</option>
            ))}
          </select>
        </label>
        <a href={`${src}?download=1`} className="font-medium text-brand-600 hover:underline" download>
          Download
        </a>
        {failed ? <span role="alert" className="text-red-600">{failed}</span> : null}
      </div>
    </div>
  );
}
