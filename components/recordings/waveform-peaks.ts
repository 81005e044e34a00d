/** Peak amplitude (0–1) of each of `buckets` equal slices of a channel, for drawing a waveform. */
export function computePeaks(samples: Float32Array, buckets: number): number[] {
  const peaks = new Array<number>(buckets).fill(0);
  if (samples.length === 0 || buckets <= 0) return peaks;
  const size = samples.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.max(start + 1, Math.floor((b + 1) * size));
    let peak = 0;
    for (let i = start; i < end && i < samples.length; i++) {
      const v = Math.abs(samples[i]!);
      if (v > peak) peak = v;
    }
    peaks[b] = Math.min(1, peak);
  }
  return peaks;
}
