"use client";

import { useWorkerContext } from "@/components/providers/worker-provider/worker-context";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";

/** The Worker's reservations: pending (to accept or reject), accepted and wrapping. */
export function useReservations(): { pending: TrackedReservation[]; accepted: TrackedReservation[]; wrapping: TrackedReservation[] } {
  const { reservations } = useWorkerContext();
  return {
    pending: reservations.filter((r) => r.status === "pending"),
    accepted: reservations.filter((r) => r.status === "accepted" && r.task.status !== "wrapping"),
    wrapping: reservations.filter((r) => r.status === "wrapping" || (r.status === "accepted" && r.task.status === "wrapping")),
  };
}
