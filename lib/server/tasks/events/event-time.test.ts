import { describe, expect, it } from "vitest";
import { eventTimeMs, isNewerState, TASK_STATUS_RANK, TERMINAL_TASK_STATUSES } from "./event-time";

const newer = (stored: [string, number], incoming: [string, number]) =>
  isNewerState({ status: stored[0], lastEventAtMs: stored[1] }, { status: incoming[0], atMs: incoming[1] }, TASK_STATUS_RANK, TERMINAL_TASK_STATUSES);

describe("task event ordering", () => {
  it("applies later events and ignores earlier ones", () => {
    expect(newer(["reserved", 100], ["assigned", 200])).toBe(true);
    expect(newer(["assigned", 200], ["reserved", 100])).toBe(false);
  });
  it("breaks timestamp ties by lifecycle order", () => {
    expect(newer(["reserved", 100], ["assigned", 100])).toBe(true);
    expect(newer(["assigned", 100], ["reserved", 100])).toBe(false);
  });
  it("never leaves a terminal state", () => {
    expect(newer(["completed", 100], ["wrapping", 500])).toBe(false);
    expect(newer(["canceled", 100], ["pending", 500])).toBe(false);
  });
  it("reads TimestampMs, then Timestamp seconds", () => {
    expect(eventTimeMs({ TimestampMs: 1234, Timestamp: 9 } as never)).toBe(1234);
    expect(eventTimeMs({ Timestamp: 9 } as never)).toBe(9000);
  });
});
