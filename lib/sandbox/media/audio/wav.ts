/**
 * WAV (RIFF) reading and writing. Recordings are written as Twilio serves them from
 * `…/Recordings/{Sid}.wav`: 16-bit PCM, mono, 8 kHz. Reading accepts what `<Play>` URLs and the
 * speech synthesiser produce: PCM 8/16/24/32-bit, IEEE float, G.711 µ-law/A-law, any rate and
 * channel count (mixed down to mono here; resampling is the caller's job).
 */
import { mulawDecode } from "./mulaw";

export interface DecodedAudio {
  sampleRate: number;
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
}

export function encodeWav(samples: Int16Array, sampleRate = 8000): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, 44 + i * 2);
  return out;
}

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE";
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

export function decodeWav(input: Uint8Array): DecodedAudio {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isWav(bytes)) throw new Error("not a RIFF/WAVE file");
  let offset = 12;
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bitsPerSample = 0;
  let data: Buffer | null = null;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      format = bytes.readUInt16LE(body);
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bitsPerSample = bytes.readUInt16LE(body + 14);
      if (format === FORMAT_EXTENSIBLE && size >= 26) format = bytes.readUInt16LE(body + 24);
    } else if (id === "data") {
      // Streaming writers leave the size at 0 or 0xffffffff: take what is there.
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      data = bytes.subarray(body, end);
    }
    offset = body + size + (size % 2);
  }
  if (!data || channels < 1 || sampleRate < 1)
    throw new Error("WAV file without fmt or data chunk");
  const frames = Math.floor(data.length / ((bitsPerSample / 8) * channels));
  const samples = new Float32Array(frames);
  const read = sampleReader(format, bitsPerSample, data);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(f * channels + c);
    samples[f] = sum / channels;
  }
  return { sampleRate, samples };
}

function sampleReader(format: number, bits: number, data: Buffer): (index: number) => number {
  if (format === FORMAT_PCM) {
    if (bits === 8) return (i) => (data[i]! - 128) / 128;
    if (bits === 16) return (i) => data.readInt16LE(i * 2) / 32768;
    if (bits === 24) return (i) => data.readIntLE(i * 3, 3) / 8388608;
    if (bits === 32) return (i) => data.readInt32LE(i * 4) / 2147483648;
  }
  if (format === FORMAT_FLOAT) {
    if (bits === 32) return (i) => data.readFloatLE(i * 4);
    if (bits === 64) return (i) => data.readDoubleLE(i * 8);
  }
  if (format === FORMAT_MULAW && bits === 8) {
    const pcm = mulawDecode(data);
    return (i) => pcm[i]! / 32768;
  }
  if (format === FORMAT_ALAW && bits === 8) return (i) => alawToLinear(data[i]!) / 32768;
  throw new Error(`unsupported WAV encoding (format ${format}, ${bits} bits)`);
}

function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  magnitude += exponent === 0 ? 8 : 0x108;
  if (exponent > 1) magnitude <<= exponent - 1;
  return a & 0x80 ? magnitude : -magnitude;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
