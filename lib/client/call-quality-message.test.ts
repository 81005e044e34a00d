import { describe, expect, it } from "vitest";
import { callQualityWarning, callQualityWarnings } from "./call-quality-message";

describe("call quality warnings in words", () => {
  it("names each warning the Voice SDK raises", () => {
    expect(callQualityWarning("high-jitter").label).toBe("Choppy audio");
    expect(callQualityWarning("high-packet-loss").message).toMatch(/packet loss/);
    expect(callQualityWarning("low-mos").label).toBe("Poor call quality");
    expect(callQualityWarning("high-rtt").message).toMatch(/delayed/);
    expect(callQualityWarning("constant-audio-input-level").message).toMatch(/No audio from your microphone/);
  });

  it("still says something for a warning it does not know", () => {
    expect(callQualityWarning("high-foo")).toEqual({ name: "high-foo", label: "Call quality", message: "Call quality warning (high-foo)." });
  });

  it("puts the microphone first and says packet loss once for its two warnings", () => {
    const warnings = callQualityWarnings(["high-jitter", "high-packet-loss", "constant-audio-input-level", "high-packets-lost-fraction"]);
    expect(warnings.map((w) => w.name)).toEqual(["constant-audio-input-level", "high-packet-loss", "high-jitter"]);
  });
});
