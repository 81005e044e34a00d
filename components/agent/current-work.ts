import type { TrackedCall } from "@/components/providers/device-provider/types";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";

export type WorkState = "offered" | "live" | "wrapping";

export interface CurrentWorkItem {
  key: string;
  state: WorkState;
  type: string;
  /** The customer's E.164 number, when the task or call has one. */
  phone: string | null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function phoneOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const bare = value.replace(/^whatsapp:/, "");
  return E164.test(bare) ? bare : null;
}

/**
 * What the agent is working on now, most pressing first for the contact panel: live tasks, then
 * the agent's own outbound calls (no task), then offers, then wrap-ups.
 */
export function currentWork(
  reservations: { pending: TrackedReservation[]; accepted: TrackedReservation[]; wrapping: TrackedReservation[] },
  calls: TrackedCall[],
): CurrentWorkItem[] {
  const fromReservation = (state: WorkState) => (r: TrackedReservation): CurrentWorkItem => ({
    key: r.sid,
    state,
    type: String(r.task.attributes.type ?? "call"),
    phone: phoneOf(r.task.attributes.caller) ?? phoneOf(r.task.attributes.from),
  });
  // Outbound calls the agent dialed carry the customer's number in `To`; inbound legs belong to tasks.
  const dialed = calls
    .filter((c) => c.direction === "outbound" && c.state !== "ringing")
    .map((c): CurrentWorkItem => ({ key: c.key, state: "live", type: "outbound call", phone: phoneOf(c.to) }));
  return [
    ...reservations.accepted.map(fromReservation("live")),
    ...dialed,
    ...reservations.pending.map(fromReservation("offered")),
    ...reservations.wrapping.map(fromReservation("wrapping")),
  ];
}
