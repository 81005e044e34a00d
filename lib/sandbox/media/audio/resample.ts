/**
 * Converts decoded audio to the sandbox's 8 kHz 16-bit mono. Downsampling goes through a
 * windowed-sinc low-pass so a 44.1 kHz music file does not alias into noise at 8 kHz.
 */
import { SAMPLE_RATE } from "./mulaw";
import { clamp16 } from "./pcm";

const HALF_TAPS = 16;

export function resampleTo8k(samples: Float32Array, fromRate: number, gain = 1): Int16Array {
  if (fromRate === SAMPLE_RATE) {
    const out = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) out[i] = clamp16(samples[i]! * 32767 * gain);
    return out;
  }
  const ratio = fromRate / SAMPLE_RATE;
  const outLength = Math.floor(samples.length / ratio);
  const out = new Int16Array(outLength);
  // Cut-off relative to the input's Nyquist: below the output's Nyquist when downsampling.
  const cutoff = Math.min(1, 1 / ratio) * 0.95;
  const span = Math.ceil(HALF_TAPS / Math.min(1, cutoff));
  for (let i = 0; i < outLength; i++) {
    const center = i * ratio;
    const first = Math.max(0, Math.ceil(center - span));
    const last = Math.min(samples.length - 1, Math.floor(center + span));
    let sum = 0;
    let weight = 0;
    for (let k = first; k <= last; k++) {
      const x = k - center;
      const w = sinc(x * cutoff) * blackman(x / span);
      sum += samples[k]! * w;
      weight += w;
    }
    out[i] = clamp16((weight === 0 ? 0 : sum / weight) * 32767 * gain);
  }
  return out;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over [-1, 1]. */
function blackman(t: number): number {
  if (t <= -1 || t >= 1) return 0;
  const n = (t + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * n) + 0.08 * Math.cos(4 * Math.PI * n);
}
