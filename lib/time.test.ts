import { describe, expect, it } from "vitest";
import { parseClock, startOfDayInZone, zonedDateKey, zonedParts, zonedTimeToUtc } from "./time";

describe("zoned time helpers", () => {
  it("reads wall-clock parts in a zone", () => {
    const p = zonedParts(new Date("2026-07-01T16:30:00Z"), "America/Los_Angeles");
    expect(p).toMatchObject({ year: 2026, month: 7, day: 1, hour: 9, minute: 30, weekday: 3 });
  });

  it("converts a wall-clock time to UTC across DST", () => {
    expect(zonedTimeToUtc(2026, 1, 15, 9, 0, "America/New_York").toISOString()).toBe("2026-01-15T14:00:00.000Z");
    expect(zonedTimeToUtc(2026, 7, 15, 9, 0, "America/New_York").toISOString()).toBe("2026-07-15T13:00:00.000Z");
  });

  it("finds the start of the local day", () => {
    // 02:00 UTC on 2 March is still 1 March in Los Angeles.
    const start = startOfDayInZone(new Date("2026-03-02T02:00:00Z"), "America/Los_Angeles");
    expect(start.toISOString()).toBe("2026-03-01T08:00:00.000Z");
    expect(zonedDateKey(new Date("2026-03-02T02:00:00Z"), "America/Los_Angeles")).toBe("2026-03-01");
  });

  it("parses HH:MM", () => {
    expect(parseClock("09:30")).toBe(570);
    expect(() => parseClock("9.30")).toThrow(/Invalid time/);
  });
});
