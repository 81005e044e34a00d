import { describe, expect, it } from "vitest";
import { formatAddress, formatDateTime, formatDuration, formatPercent } from "./format";

describe("formatDuration", () => {
  it("formats seconds as m:ss and h:mm:ss", () => {
    expect(formatDuration(42)).toBe("0:42");
    expect(formatDuration(725)).toBe("12:05");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatAddress", () => {
  it("formats E.164 numbers, client identities and WhatsApp addresses", () => {
    expect(formatAddress("+14155550199")).toBe("+1 415 555 0199");
    expect(formatAddress("client:alice")).toBe("alice");
    expect(formatAddress("whatsapp:+34600111222")).toBe("+34 600 11 12 22");
    expect(formatAddress("anonymous")).toBe("anonymous");
  });
});

describe("formatPercent", () => {
  it("rounds a ratio to a whole percent", () => {
    expect(formatPercent(0.856)).toBe("86%");
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("renders in the given time zone", () => {
    const instant = new Date("2026-07-01T16:30:00Z");
    expect(formatDateTime(instant, "America/New_York")).toBe("Jul 1, 2026, 12:30 PM");
    expect(formatDateTime(instant, "Europe/Madrid")).toBe("Jul 1, 2026, 6:30 PM");
  });
});
