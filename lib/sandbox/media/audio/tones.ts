/**
 * Generated audio: DTMF and call-progress tones, the Voice SDK's UI sounds served by the sandbox
 * (so the Device never fetches sdk.twilio.com), and the music bed used when a `<Play>` file
 * cannot be decoded. All of it is synthesised here; nothing is downloaded.
 */
import { SAMPLE_RATE } from "./mulaw";
import { clamp16 } from "./pcm";

export interface ToneSegment {
  /** Frequencies summed in this segment; empty = silence. */
  freqs: number[];
  ms: number;
}

export function renderTones(
  segments: ToneSegment[],
  amplitude = 0.25,
  rate = SAMPLE_RATE,
): Int16Array {
  const total = segments.reduce((n, s) => n + Math.round((s.ms / 1000) * rate), 0);
  const out = new Int16Array(total);
  let offset = 0;
  for (const segment of segments) {
    const n = Math.round((segment.ms / 1000) * rate);
    const ramp = Math.min(n / 2, Math.round(rate * 0.005)); // 5 ms fades: no clicks
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (const f of segment.freqs) v += Math.sin((2 * Math.PI * f * i) / rate);
      const envelope = ramp > 0 ? Math.min(1, i / ramp, (n - 1 - i) / ramp) : 1;
      out[offset + i] = segment.freqs.length
        ? clamp16((v / segment.freqs.length) * amplitude * 32767 * envelope)
        : 0;
    }
    offset += n;
  }
  return out;
}

const DTMF_FREQS: Record<string, [number, number]> = {
  "1": [697, 1209],
  "2": [697, 1336],
  "3": [697, 1477],
  A: [697, 1633],
  "4": [770, 1209],
  "5": [770, 1336],
  "6": [770, 1477],
  B: [770, 1633],
  "7": [852, 1209],
  "8": [852, 1336],
  "9": [852, 1477],
  C: [852, 1633],
  "*": [941, 1209],
  "0": [941, 1336],
  "#": [941, 1477],
  D: [941, 1633],
};

/** `<Play digits="1w2">`: 100 ms tones, 100 ms gaps, `w` = 500 ms pause (Twilio's timing). */
export function dtmfSequence(digits: string, rate = SAMPLE_RATE): Int16Array {
  const segments: ToneSegment[] = [];
  for (const ch of digits.toUpperCase()) {
    if (ch === "W") segments.push({ freqs: [], ms: 500 });
    const pair = DTMF_FREQS[ch];
    if (pair) segments.push({ freqs: pair, ms: 100 }, { freqs: [], ms: 100 });
  }
  return renderTones(segments, 0.3, rate);
}

/** The conference entry/exit beep. */
export function beep(rate = SAMPLE_RATE): Int16Array {
  return renderTones([{ freqs: [880], ms: 180 }], 0.25, rate);
}

/** North-American ringback: 440+480 Hz, 2 s on, 4 s off. */
export function ringback(rate = SAMPLE_RATE): Int16Array {
  return renderTones(
    [
      { freqs: [440, 480], ms: 2000 },
      { freqs: [], ms: 4000 },
    ],
    0.2,
    rate,
  );
}

/**
 * A soft four-chord loop (C–Am–F–G, 2 s each). Played instead of a `<Play>` file the sandbox
 * cannot decode, so held callers hear that they are on hold; the debugger says why.
 */
export function musicBed(rate = SAMPLE_RATE): Int16Array {
  const chords = [
    [261.63, 329.63, 392.0],
    [220.0, 261.63, 329.63],
    [174.61, 220.0, 261.63],
    [196.0, 246.94, 293.66],
  ];
  const chordMs = 2000;
  const n = Math.round((chordMs / 1000) * rate);
  const out = new Int16Array(n * chords.length);
  chords.forEach((chord, c) => {
    for (let i = 0; i < n; i++) {
      const t = i / rate;
      // Slow swell per chord, with a quiet octave-up shimmer.
      const envelope = Math.sin((Math.PI * i) / n) ** 2;
      let v = 0;
      for (const f of chord)
        v += Math.sin(2 * Math.PI * f * t) + 0.2 * Math.sin(4 * Math.PI * f * t);
      out[c * n + i] = clamp16((v / (chord.length * 1.2)) * 0.22 * 32767 * envelope);
    }
  });
  return out;
}

/** The Voice SDK's UI sounds (Device `sounds` option), keyed by the SDK's sound names. */
export function deviceSound(name: string, rate = 16000): Int16Array | null {
  if (name === "incoming")
    return renderTones(
      [
        { freqs: [440, 480], ms: 2000 },
        { freqs: [], ms: 4000 },
      ],
      0.2,
      rate,
    );
  if (name === "outgoing")
    return renderTones(
      [
        { freqs: [660], ms: 120 },
        { freqs: [], ms: 40 },
        { freqs: [880], ms: 160 },
      ],
      0.2,
      rate,
    );
  if (name === "disconnect")
    return renderTones(
      [
        { freqs: [880], ms: 120 },
        { freqs: [660], ms: 120 },
        { freqs: [440], ms: 200 },
      ],
      0.2,
      rate,
    );
  const digit = /^dtmf-?(\d|s|h|star|hash)$/.exec(name)?.[1];
  if (digit) {
    const ch =
      digit === "s" || digit === "star" ? "*" : digit === "h" || digit === "hash" ? "#" : digit;
    return renderTones([{ freqs: DTMF_FREQS[ch]!, ms: 160 }], 0.25, rate);
  }
  return null;
}
