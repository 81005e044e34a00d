"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useDeviceContext } from "@/components/providers/device-provider/device-context";
import type { MultiCallState } from "./multi-call-rules";

interface MultiCallContextValue {
  /** The user's voice capacity (TaskRouter's voice channel capacity). */
  capacity: number;
  /** The softphone's calls with their hold state (held = the caller is on hold in the conference). */
  calls: MultiCallState["calls"];
  setHeld(key: string, held: boolean): void;
}

const MultiCallContext = createContext<MultiCallContextValue | null>(null);

/** Hold state of the softphone's calls, shared by call panels, the dialer and the activity switcher. */
export function MultiCallProvider({ capacity, children }: { capacity: number; children: ReactNode }) {
  const { calls: deviceCalls } = useDeviceContext();
  const [held, setHeldMap] = useState<Record<string, boolean>>({});
  const setHeld = useCallback((key: string, value: boolean) => setHeldMap((m) => (m[key] === value ? m : { ...m, [key]: value })), []);
  const calls = useMemo(() => deviceCalls.map((c) => ({ key: c.key, held: held[c.key] === true })), [deviceCalls, held]);
  const value = useMemo(() => ({ capacity, calls, setHeld }), [capacity, calls, setHeld]);
  return <MultiCallContext.Provider value={value}>{children}</MultiCallContext.Provider>;
}

/** The shared hold state, or null outside the agent workspace (a lone call panel). */
export function useMultiCall(): MultiCallContextValue | null {
  return useContext(MultiCallContext);
}

/** Reports a call panel's hold state for its call while the panel shows it. */
export function useReportHold(key: string | null, held: boolean) {
  const multi = useMultiCall();
  const setHeld = multi?.setHeld;
  useEffect(() => {
    if (!setHeld || !key) return;
    setHeld(key, held);
    return () => setHeld(key, false);
  }, [setHeld, key, held]);
}
