import { describe, expect, it } from "vitest";
import { decodeWav, encodeWav, isWav } from "./wav";
import { resampleTo8k } from "./resample";
import { renderTones } from "./tones";
import { rms } from "./pcm";

describe("WAV", () => {
  it("writes Twilio's recording format: 16-bit PCM mono 8 kHz with a correct header", () => {
    const samples = new Int16Array([0, 1000, -1000, 32767, -32768]);
    const wav = encodeWav(samples);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.readUInt32LE(4)).toBe(36 + samples.length * 2);
    expect(wav.toString("ascii", 8, 16)).toBe("WAVEfmt ");
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString("ascii", 36, 40)).toBe("data");
    expect(wav.readUInt32LE(40)).toBe(samples.length * 2);
    expect(wav.readInt16LE(44 + 3 * 2)).toBe(32767);
  });

  it("reads back what it writes", () => {
    const samples = new Int16Array([0, 16384, -16384]);
    const decoded = decodeWav(encodeWav(samples));
    expect(decoded.sampleRate).toBe(8000);
    expect(Array.from(decoded.samples)).toEqual([0, 0.5, -0.5]);
  });

  it("mixes stereo down to mono and reads 8-bit, float and µ-law files", () => {
    const stereo = wavFile(
      { format: 1, channels: 2, rate: 44100, bits: 16 },
      (b) => {
        b.writeInt16LE(16384, 0);
        b.writeInt16LE(0, 2);
      },
      4,
    );
    expect(Array.from(decodeWav(stereo).samples)).toEqual([0.25]);

    const eightBit = wavFile(
      { format: 1, channels: 1, rate: 8000, bits: 8 },
      (b) => (b[0] = 192),
      1,
    );
    expect(decodeWav(eightBit).samples[0]).toBe(0.5);

    const float = wavFile(
      { format: 3, channels: 1, rate: 16000, bits: 32 },
      (b) => b.writeFloatLE(-0.25, 0),
      4,
    );
    expect(decodeWav(float).samples[0]).toBe(-0.25);

    const mulaw = wavFile({ format: 7, channels: 1, rate: 8000, bits: 8 }, (b) => (b[0] = 0x80), 1);
    expect(decodeWav(mulaw).samples[0]).toBeCloseTo(32124 / 32768, 5);
  });

  it("refuses what is not a WAV file", () => {
    expect(isWav(Buffer.from("ID3\u0004 not a wav"))).toBe(false);
    expect(() => decodeWav(Buffer.from("hello world, not riff"))).toThrow(/RIFF/);
  });
});

describe("resampling to 8 kHz", () => {
  it("keeps an in-band tone and removes one above 4 kHz", () => {
    const rate = 44100;
    const seconds = 0.5;
    const tone = (f: number) => {
      const out = new Float32Array(rate * seconds);
      for (let i = 0; i < out.length; i++) out[i] = 0.5 * Math.sin((2 * Math.PI * f * i) / rate);
      return out;
    };
    const inBand = resampleTo8k(tone(1000), rate);
    expect(inBand.length).toBe(4000);
    // A 0.5 amplitude sine has an RMS of ~0.354 of full scale.
    expect(rms(inBand.subarray(200, 3800)) / 32767).toBeGreaterThan(0.3);
    const aliased = resampleTo8k(tone(6000), rate);
    expect(rms(aliased.subarray(200, 3800)) / 32767).toBeLessThan(0.05);
  });

  it("passes 8 kHz audio through unchanged apart from scaling", () => {
    const pcm = renderTones([{ freqs: [440], ms: 100 }]);
    const floats = Float32Array.from(pcm, (s) => s / 32767);
    expect(Array.from(resampleTo8k(floats, 8000))).toEqual(Array.from(pcm));
  });
});

function wavFile(
  fmt: { format: number; channels: number; rate: number; bits: number },
  fill: (data: Buffer) => void,
  dataBytes: number,
): Buffer {
  const b = Buffer.alloc(44 + dataBytes);
  b.write("RIFF", 0, "ascii");
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write("WAVEfmt ", 8, "ascii");
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(fmt.format, 20);
  b.writeUInt16LE(fmt.channels, 22);
  b.writeUInt32LE(fmt.rate, 24);
  b.writeUInt32LE((fmt.rate * fmt.channels * fmt.bits) / 8, 28);
  b.writeUInt16LE((fmt.channels * fmt.bits) / 8, 32);
  b.writeUInt16LE(fmt.bits, 34);
  b.write("data", 36, "ascii");
  b.writeUInt32LE(dataBytes, 40);
  const data = b.subarray(44);
  fill(data);
  return b;
}
