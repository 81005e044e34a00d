import { describe, expect, it } from "vitest";
import { nextActivity } from "./next-activity";

const none = { live: false, wrapping: false };
const live = { live: true, wrapping: false };
const wrapping = { live: false, wrapping: true };

describe("nextActivity (the app's Busy / Wrap-up / Available in a multitasking workspace)", () => {
  it("makes an Available agent Busy when reserved or assigned, and leaves other activities", () => {
    expect(nextActivity("reserved", "Available", none)).toBe("Busy");
    expect(nextActivity("reserved", "Busy", live)).toBeNull();
    expect(nextActivity("reserved", "Break", none)).toBeNull();
  });

  it("returns a Busy agent to Available when an offer ends unanswered, unless other work is open", () => {
    expect(nextActivity("released", "Busy", none)).toBe("Available");
    expect(nextActivity("released", "Busy", live)).toBeNull();
    expect(nextActivity("released", "Busy", wrapping)).toBeNull();
    // Rejected with a chosen activity (Break): that choice stands.
    expect(nextActivity("released", "Break", none)).toBeNull();
  });

  it("moves to Wrap-up when a call ends, but keeps Busy while another call is live", () => {
    expect(nextActivity("wrapping", "Busy", none)).toBe("Wrap-up");
    expect(nextActivity("wrapping", "Busy", live)).toBeNull();
    // Waiting for another call (Available) while the held caller hung up.
    expect(nextActivity("wrapping", "Available", none)).toBe("Wrap-up");
    expect(nextActivity("wrapping", "Offline", none)).toBeNull();
  });

  it("after completing: Busy while a call is live, Wrap-up while another task wraps, else Available", () => {
    expect(nextActivity("completed", "Wrap-up", none)).toBe("Available");
    expect(nextActivity("completed", "Wrap-up", live)).toBe("Busy");
    expect(nextActivity("completed", "Busy", live)).toBeNull();
    expect(nextActivity("completed", "Busy", wrapping)).toBe("Wrap-up");
    expect(nextActivity("completed", "Break", none)).toBeNull();
  });
});
