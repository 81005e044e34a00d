import { describe, expect, it } from "vitest";
import { computePeaks } from "./waveform-peaks";

describe("computePeaks", () => {
  it("takes the loudest absolute sample of each slice", () => {
    const samples = new Float32Array([0.1, -0.5, 0.2, 0.05, 0, -0.9, 0.3, 0.1]);
    expect(computePeaks(samples, 4)).toEqual([0.5, 0.20000000298023224, 0.8999999761581421, 0.30000001192092896]);
  });

  it("handles fewer samples than buckets and empty input", () => {
    expect(computePeaks(new Float32Array([0.5, -1]), 4)).toEqual([0.5, 0.5, 1, 1]);
    expect(computePeaks(new Float32Array([]), 3)).toEqual([0, 0, 0]);
  });
});
