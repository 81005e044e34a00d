import type { Listener } from "../device-provider/types";
import type { WorkerReservation } from "./types";

/** Reservation events after which it is no longer the agent's work. */
const ENDED = ["rejected", "timeout", "canceled", "rescinded", "completed"] as const;
const CHANGED = ["accepted", "wrapup"] as const;

/** Follows one reservation; returns the function that takes every listener off again. */
export function trackReservation(reservation: WorkerReservation, handlers: { changed: () => void; ended: () => void }): () => void {
  const listeners: [string, Listener][] = [...CHANGED.map((e) => [e, handlers.changed] as [string, Listener]), ...ENDED.map((e) => [e, handlers.ended] as [string, Listener])];
  for (const [event, listener] of listeners) reservation.on(event, listener);
  return () => {
    for (const [event, listener] of listeners) reservation.removeListener(event, listener);
  };
}
