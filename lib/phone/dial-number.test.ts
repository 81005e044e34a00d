import { describe, expect, it } from "vitest";
import { checkDialNumber, formatAsYouType } from "./dial-number";

describe("formatAsYouType", () => {
  it("formats US digits as they are typed", () => {
    expect(formatAsYouType("202555")).toBe("(202) 555");
    expect(formatAsYouType("2025550111")).toBe("(202) 555-0111");
  });
  it("formats international numbers", () => {
    expect(formatAsYouType("+442079460958")).toBe("+44 20 7946 0958");
  });
});

describe("checkDialNumber", () => {
  it("returns E.164 for valid numbers", () => {
    expect(checkDialNumber("(202) 555-0111")).toEqual({ ok: true, e164: "+12025550111" });
    expect(checkDialNumber("+44 20 7946 0958")).toEqual({ ok: true, e164: "+442079460958" });
  });
  it("explains empty, lettered and invalid numbers", () => {
    expect(checkDialNumber("  ")).toEqual({ ok: false, message: "Enter a phone number to call." });
    expect(checkDialNumber("call me")).toMatchObject({ ok: false, message: expect.stringContaining("only contain digits") });
    expect(checkDialNumber("12345")).toMatchObject({ ok: false, message: expect.stringContaining('"12345" is not a valid phone number') });
  });
});
