import { describe, expect, it } from "vitest";
import type { TrackedCall } from "@/components/providers/device-provider/types";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";
import { currentWork } from "./current-work";

function reservation(sid: string, attributes: Record<string, unknown>): TrackedReservation {
  const task = { sid: `WT${sid}`, attributes, status: "assigned" };
  return { sid, status: "pending", task, reservation: { sid, status: "pending", task } as never, receivedAt: 0 };
}

function call(partial: Partial<TrackedCall>): TrackedCall {
  return { key: "CA1", call: {} as never, direction: "outbound", state: "open", from: "", to: "", muted: false, connectedAt: 0, ...partial };
}

describe("currentWork", () => {
  it("orders live tasks, dialed calls, offers, then wrap-ups, with the customer's number", () => {
    const work = currentWork(
      {
        pending: [reservation("WR2", { type: "callback", caller: "+12025550122" })],
        accepted: [reservation("WR1", { type: "call", caller: "+12025550111" })],
        wrapping: [reservation("WR3", { type: "call", from: "+12025550133" })],
      },
      [call({ key: "CAout", to: "+442079460958" }), call({ key: "CAring", direction: "inbound", state: "ringing", from: "client:x" })],
    );
    expect(work).toEqual([
      { key: "WR1", state: "live", type: "call", phone: "+12025550111" },
      { key: "CAout", state: "live", type: "outbound call", phone: "+442079460958" },
      { key: "WR2", state: "offered", type: "callback", phone: "+12025550122" },
      { key: "WR3", state: "wrapping", type: "call", phone: "+12025550133" },
    ]);
  });

  it("strips whatsapp: and ignores what is not an E.164 number", () => {
    const work = currentWork(
      { pending: [reservation("WR1", { type: "whatsapp", from: "whatsapp:+12025550144" }), reservation("WR2", { type: "call", caller: "client:alice" })], accepted: [], wrapping: [] },
      [],
    );
    expect(work.map((w) => w.phone)).toEqual(["+12025550144", null]);
  });
});
