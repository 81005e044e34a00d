import { describe, expect, it } from "vitest";
import { TelephoneEventDecoder } from "./rfc4733";

function packet(event: number, end: boolean, duration: number): Buffer {
  return Buffer.from([event, end ? 0x8a : 0x0a, duration >> 8, duration & 0xff]);
}

describe("TelephoneEventDecoder", () => {
  it("counts one key press once across its start, continuation and repeated end packets", () => {
    const decoder = new TelephoneEventDecoder();
    const digits = [
      decoder.push(1000, packet(5, false, 160)),
      decoder.push(1000, packet(5, false, 320)),
      decoder.push(1000, packet(5, true, 800)),
      decoder.push(1000, packet(5, true, 800)),
      decoder.push(1000, packet(5, true, 800)),
      decoder.push(5000, packet(11, false, 160)),
      decoder.push(9000, packet(10, true, 800)),
      decoder.push(13000, packet(5, false, 160)),
    ];
    expect(digits.filter(Boolean)).toEqual(["5", "#", "*", "5"]);
  });

  it("ignores flash and short payloads", () => {
    const decoder = new TelephoneEventDecoder();
    expect(decoder.push(1, packet(16, false, 160))).toBeNull();
    expect(decoder.push(2, Buffer.from([1]))).toBeNull();
  });
});
