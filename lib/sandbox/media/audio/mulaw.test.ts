import { describe, expect, it } from "vitest";
import { MULAW_SILENCE, mulawDecode, mulawEncode } from "./mulaw";

describe("G.711 µ-law", () => {
  it("encodes silence as 0xff and the ITU reference points", () => {
    expect(mulawEncode(new Int16Array([0]))[0]).toBe(MULAW_SILENCE);
    // Full-scale positive and negative saturate to the extreme codes.
    expect(mulawEncode(new Int16Array([32767]))[0]).toBe(0x80);
    expect(mulawEncode(new Int16Array([-32768]))[0]).toBe(0x00);
    expect(mulawDecode(new Uint8Array([0x80]))[0]).toBe(32124);
    expect(mulawDecode(new Uint8Array([0x00]))[0]).toBe(-32124);
  });

  it("round-trips every code exactly", () => {
    const codes = new Uint8Array(256).map((_, i) => i);
    const decoded = mulawDecode(codes);
    const reencoded = mulawEncode(decoded);
    // 0x7f and 0xff both decode to 0; every other code is its own round trip.
    for (let i = 0; i < 256; i++) if (i !== 0x7f) expect(reencoded[i]).toBe(i);
  });

  it("keeps the quantisation error within the segment step", () => {
    for (const sample of [1, 100, 1000, 5000, 12000, -7, -300, -20000, 30000]) {
      const back = mulawDecode(mulawEncode(new Int16Array([sample])))[0]!;
      expect(Math.abs(back - sample)).toBeLessThanOrEqual(Math.max(8, Math.abs(sample) * 0.07));
    }
  });
});
