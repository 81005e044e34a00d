/** Small helpers on 16-bit PCM at 8 kHz, the sandbox's internal audio format. */
import { FRAME_SAMPLES, SAMPLE_RATE } from "./mulaw";

export function clamp16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : Math.round(value);
}

/** Adds `source` into the 32-bit accumulator (mixing without clipping until the end). */
export function accumulate(target: Int32Array, source: Int16Array, gain = 1): void {
  const n = Math.min(target.length, source.length);
  if (gain === 1) for (let i = 0; i < n; i++) target[i]! += source[i]!;
  else for (let i = 0; i < n; i++) target[i]! += source[i]! * gain;
}

export function toInt16(acc: Int32Array): Int16Array {
  const out = new Int16Array(acc.length);
  for (let i = 0; i < acc.length; i++) out[i] = clamp16(acc[i]!);
  return out;
}

export function silence(samples = FRAME_SAMPLES): Int16Array {
  return new Int16Array(samples);
}

export function durationMs(samples: number, rate = SAMPLE_RATE): number {
  return (samples / rate) * 1000;
}

/** Joins PCM chunks into one buffer. */
export function concatPcm(chunks: Int16Array[]): Int16Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Int16Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Root-mean-square level of a frame, 0…32768 (tests and the console's level meter). */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}
