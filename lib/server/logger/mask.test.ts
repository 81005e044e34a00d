import { describe, expect, it } from "vitest";
import { maskPhone, maskText, maskValue } from "./mask";

describe("maskPhone", () => {
  it("keeps the country prefix and the last two digits", () => {
    expect(maskPhone("+14155550199")).toBe("+14•••••••99");
  });
  it("leaves short strings alone", () => {
    expect(maskPhone("12345")).toBe("12345");
  });
});

describe("maskText", () => {
  it("masks every number inside free text", () => {
    const out = maskText("call from +14155550199 to +1 (415) 555-0100 done");
    expect(out).not.toContain("4155550199");
    expect(out).not.toContain("555-0100");
    expect(out).toContain("call from +14");
  });
  it("does not touch SIDs, ports or durations", () => {
    const text = "CA0123456789abcdef0123456789abcdef on :3000 took 1234ms";
    expect(maskText(text)).toBe(text);
  });
});

describe("maskValue", () => {
  it("masks phones, message bodies and secrets deeply", () => {
    const out = maskValue({
      From: "+14155550199",
      Body: "my card is 4111",
      nested: { to: ["whatsapp:+34600111222"], password: "hunter22" },
      CallSid: "CA0123456789abcdef0123456789abcdef",
    }) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toMatch(/4155550199|600111222|hunter22|card/);
    expect(out.Body).toBe("[15 chars]");
    expect(out.CallSid).toBe("CA0123456789abcdef0123456789abcdef");
  });
});
