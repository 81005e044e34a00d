import { describe, expect, it } from "vitest";
import { pendingConsult } from "./consult-bar";

describe("pendingConsult", () => {
  it("is null without a warm transfer in progress", () => {
    expect(pendingConsult({})).toBeNull();
    expect(pendingConsult({ transfer_pending: null })).toBeNull();
  });

  it("names the consulted party from the transfer step that created the pending task", () => {
    const attributes = {
      transfer_pending: { task_sid: "WT2", mode: "warm" },
      transfers: [
        { mode: "cold", to_task_sid: "WT1", target: { type: "queue", name: "Sales" } },
        { mode: "warm", to_task_sid: "WT2", target: { type: "agent", name: "Bob Baker" } },
      ],
    };
    expect(pendingConsult(attributes)).toEqual({ transferTaskSid: "WT2", name: "Bob Baker", kind: "agent" });
  });

  it("falls back to a generic name when the history is missing", () => {
    expect(pendingConsult({ transfer_pending: { task_sid: "WT9" } })).toEqual({ transferTaskSid: "WT9", name: "the other party", kind: "agent" });
  });
});
