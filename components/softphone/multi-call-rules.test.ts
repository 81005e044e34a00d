import { describe, expect, it } from "vitest";
import { dialBlockReason, resumeBlockReason, takeAnotherCall, type MultiCallState } from "./multi-call-rules";

const held = { key: "CA1", held: true };
const live = { key: "CA2", held: false };
const base: MultiCallState = { capacity: 2, calls: [held], openTasks: 1, activity: "Busy" };

describe("takeAnotherCall", () => {
  it("is ready while every call is on hold and capacity is left", () => {
    expect(takeAnotherCall(base)).toEqual({ state: "ready" });
  });

  it("waits once the agent is Available for the next call", () => {
    expect(takeAnotherCall({ ...base, activity: "Available" })).toEqual({ state: "waiting" });
  });

  it("refuses with a reason at capacity 1, at full capacity, and while another call is live", () => {
    expect(takeAnotherCall({ ...base, capacity: 1 })).toMatchObject({ state: "blocked", reason: expect.stringMatching(/voice capacity is 1/) });
    expect(takeAnotherCall({ ...base, openTasks: 2 })).toMatchObject({ state: "blocked", reason: expect.stringMatching(/2 calls or tasks open/) });
    expect(takeAnotherCall({ ...base, calls: [held, live] })).toMatchObject({ state: "blocked", reason: "Put your other call on hold first." });
  });
});

describe("dialBlockReason", () => {
  it("allows dialing with no call or with every call on hold", () => {
    expect(dialBlockReason({ registered: true, placing: false, calls: [] })).toBeNull();
    expect(dialBlockReason({ registered: true, placing: false, calls: [held, { key: "CA3", held: true }] })).toBeNull();
  });

  it("refuses while a call is live, while placing, and before registration", () => {
    expect(dialBlockReason({ registered: true, placing: false, calls: [held, live] })).toMatch(/on hold first/);
    expect(dialBlockReason({ registered: true, placing: true, calls: [] })).toMatch(/being placed/);
    expect(dialBlockReason({ registered: false, placing: false, calls: [] })).toMatch(/not connected/);
  });
});

describe("resumeBlockReason", () => {
  it("refuses to resume a held call while another is live, and allows it otherwise", () => {
    expect(resumeBlockReason([held, live], "CA1")).toMatch(/other call on hold/);
    expect(resumeBlockReason([held, { key: "CA2", held: true }], "CA1")).toBeNull();
    expect(resumeBlockReason([held], "CA1")).toBeNull();
  });
});
