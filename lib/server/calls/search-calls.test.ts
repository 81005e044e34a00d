import { describe, expect, it } from "vitest";
import { toE164 } from "./search-calls";

describe("toE164", () => {
  it("normalises whole numbers written any way", () => {
    expect(toE164("(202) 555-0111")).toBe("+12025550111");
    expect(toE164("+34 600 11 12 22")).toBe("+34600111222");
    expect(toE164("+1 202 000 7919")).toBe("+12020007919");
  });
  it("leaves fragments and names alone", () => {
    expect(toE164("5550111")).toBeNull();
    expect(toE164("garcia")).toBeNull();
  });
});
