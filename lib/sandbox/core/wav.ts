/**
 * Real WAV files for recordings when no media layer supplies mixed audio: 8 kHz 16-bit mono PCM
 * (what Twilio's recordings are) filled with low-level comfort noise and a soft tone every
 * second, so a player shows and plays the right duration. SUPPORT.md says so.
 */
export function wavHeader(
  dataBytes: number,
  sampleRate: number,
  channels = 1,
  bitsPerSample = 16,
): Buffer {
  const header = Buffer.alloc(44);
  const byteRate = (sampleRate * channels * bitsPerSample) / 8;
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(byteRate, 28);
  header.writeUInt16LE((channels * bitsPerSample) / 8, 32);
  header.writeUInt16LE(bitsPerSample, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export function comfortNoiseWav(durationSeconds: number, sampleRate = 8000): Buffer {
  const samples = Math.max(0, Math.round(durationSeconds * sampleRate));
  const data = Buffer.alloc(samples * 2);
  // Deterministic pseudo-random noise (xorshift) so equal durations give equal files.
  let seed = 0x2545f491;
  for (let i = 0; i < samples; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const noise = ((seed >>> 0) / 0xffffffff - 0.5) * 200;
    const inBeep = i % sampleRate < sampleRate / 10;
    const tone = inBeep ? Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 1500 : 0;
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(noise + tone))), i * 2);
  }
  return Buffer.concat([wavHeader(data.length, sampleRate), data]);
}

/** Duration of a PCM WAV in seconds (null when it is not one this reader understands). */
export function wavDurationSeconds(wav: Buffer): number | null {
  if (
    wav.length < 44 ||
    wav.toString("ascii", 0, 4) !== "RIFF" ||
    wav.toString("ascii", 8, 12) !== "WAVE"
  )
    return null;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("ascii", offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === "fmt ") byteRate = wav.readUInt32LE(offset + 16);
    if (id === "data") return byteRate ? size / byteRate : null;
    offset += 8 + size + (size % 2);
  }
  return null;
}
