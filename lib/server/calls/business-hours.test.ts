import { describe, expect, it } from "vitest";
import { openStateAt } from "./business-hours";

const NY = "America/New_York";
const weekdays9to5 = [1, 2, 3, 4, 5].map((d) => ({ dayOfWeek: d, opensAt: "09:00", closesAt: "17:00", timezone: NY }));

describe("openStateAt", () => {
  it("uses the business time zone, not UTC", () => {
    // Monday 2026-03-02 13:30 UTC = 08:30 in New York (EST): still closed.
    expect(openStateAt(new Date("2026-03-02T13:30:00Z"), weekdays9to5, [], "UTC")).toEqual({ open: false, reason: "closed" });
    expect(openStateAt(new Date("2026-03-02T14:30:00Z"), weekdays9to5, [], "UTC")).toEqual({ open: true });
    // Friday 21:30 UTC = 16:30 EST open; 22:00 UTC = 17:00 closed (closing time is exclusive).
    expect(openStateAt(new Date("2026-03-06T21:30:00Z"), weekdays9to5, [], "UTC").open).toBe(true);
    expect(openStateAt(new Date("2026-03-06T22:00:00Z"), weekdays9to5, [], "UTC").open).toBe(false);
  });

  it("follows daylight saving time", () => {
    // After the 2026-03-08 change New York is UTC-4: 13:30 UTC Monday = 09:30 local, open.
    expect(openStateAt(new Date("2026-03-09T13:30:00Z"), weekdays9to5, [], "UTC").open).toBe(true);
  });

  it("is closed at weekends and on holidays (by local date)", () => {
    expect(openStateAt(new Date("2026-03-07T15:00:00Z"), weekdays9to5, [], "UTC")).toEqual({ open: false, reason: "closed" });
    const holiday = [{ date: new Date("2026-12-25T00:00:00Z"), name: "Christmas Day" }];
    // 2026-12-26 03:00 UTC is still the 25th in New York.
    expect(openStateAt(new Date("2026-12-26T03:00:00Z"), [0, 1, 2, 3, 4, 5, 6].map((d) => ({ dayOfWeek: d, opensAt: "00:00", closesAt: "24:00", timezone: NY })), holiday, "UTC")).toEqual({
      open: false,
      reason: "holiday",
      holidayName: "Christmas Day",
    });
  });

  it("supports split shifts and round-the-clock hours", () => {
    const split = [
      { dayOfWeek: 1, opensAt: "08:00", closesAt: "12:00", timezone: NY },
      { dayOfWeek: 1, opensAt: "13:00", closesAt: "17:00", timezone: NY },
    ];
    expect(openStateAt(new Date("2026-03-02T17:30:00Z"), split, [], "UTC").open).toBe(false); // 12:30 local
    expect(openStateAt(new Date("2026-03-02T18:30:00Z"), split, [], "UTC").open).toBe(true); // 13:30 local
    const always = [{ dayOfWeek: 1, opensAt: "00:00", closesAt: "24:00", timezone: NY }];
    expect(openStateAt(new Date("2026-03-03T04:59:00Z"), always, [], "UTC").open).toBe(true); // Mon 23:59 local
  });
});
