/**
 * Hold music generated in code (no audio file to license or download): a slow, quiet chord
 * progression as 8 kHz 16-bit mono WAV, the format telephony plays natively. Built once per process.
 * https://www.twilio.com/docs/voice/twiml/play#supported-audio-file-types
 */
const SAMPLE_RATE = 8000;
const CHORDS = [
  [261.63, 329.63, 392.0],
  [220.0, 261.63, 329.63],
  [174.61, 220.0, 261.63],
  [196.0, 246.94, 293.66],
];
const CHORD_SECONDS = 4;

let cached: Buffer | null = null;

export function holdMusicWav(): Buffer {
  if (cached) return cached;
  const samplesPerChord = SAMPLE_RATE * CHORD_SECONDS;
  const total = samplesPerChord * CHORDS.length * 2;
  const data = Buffer.alloc(total * 2);
  for (let i = 0; i < total; i++) {
    const chord = CHORDS[Math.floor(i / samplesPerChord) % CHORDS.length]!;
    const t = i / SAMPLE_RATE;
    const within = (i % samplesPerChord) / samplesPerChord;
    const envelope = Math.min(1, within * 8) * Math.min(1, (1 - within) * 4);
    const value = chord.reduce((sum, f) => sum + Math.sin(2 * Math.PI * f * t), 0) / chord.length;
    data.writeInt16LE(Math.round(value * envelope * 0.25 * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  cached = Buffer.concat([header, data]);
  return cached;
}
