"use client";

import { useDeviceContext } from "@/components/providers/device-provider/device-context";
import type { TrackedCall } from "@/components/providers/device-provider/types";

/** Calls the softphone holds: ringing inbound calls first, then the connected ones. */
export function useActiveCalls(): { ringing: TrackedCall[]; live: TrackedCall[]; all: TrackedCall[] } {
  const { calls } = useDeviceContext();
  return { ringing: calls.filter((c) => c.state === "ringing"), live: calls.filter((c) => c.state !== "ringing"), all: calls };
}
