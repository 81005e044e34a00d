"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useDeviceContext } from "@/components/providers/device-provider/device-context";
import type { MultiCallState } from "./multi-call-rules";

interface MultiCallContextValue {
  /** The user's voice capacity (TaskRouter's voice channel capacity). */
  capacity: number;
  /** The softphone's calls with their hold state (held = the caller is on hold in the conference). */
  calls: MultiCallState["calls"];
  /**
   * Tasks whose caller is on hold. The Voice SDK has one active call per Device, so taking or
   * placing another call drops the agent's leg of a held call: such a task has no softphone call
   * but is still the agent's, waiting in its conference (see lib/server/calls/rejoin-call.ts).
   */
  heldTasks: ReadonlySet<string>;
  setHeld(key: string, held: boolean): void;
  setTaskHeld(taskSid: string, held: boolean): void;
}

const MultiCallContext = createContext<MultiCallContextValue | null>(null);

/** Hold state of the softphone's calls, shared by call panels, the dialer and the activity switcher. */
export function MultiCallProvider({ capacity, children }: { capacity: number; children: ReactNode }) {
  const { calls: deviceCalls } = useDeviceContext();
  const [held, setHeldMap] = useState<Record<string, boolean>>({});
  const setHeld = useCallback((key: string, value: boolean) => setHeldMap((m) => (m[key] === value ? m : { ...m, [key]: value })), []);
  const [tasks, setTasks] = useState<ReadonlySet<string>>(new Set());
  const setTaskHeld = useCallback(
    (taskSid: string, value: boolean) =>
      setTasks((t) => {
        if (t.has(taskSid) === value) return t;
        const next = new Set(t);
        if (value) next.add(taskSid);
        else next.delete(taskSid);
        return next;
      }),
    [],
  );
  const calls = useMemo(() => deviceCalls.map((c) => ({ key: c.key, held: held[c.key] === true })), [deviceCalls, held]);
  const value = useMemo(() => ({ capacity, calls, heldTasks: tasks, setHeld, setTaskHeld }), [capacity, calls, tasks, setHeld, setTaskHeld]);
  return <MultiCallContext.Provider value={value}>{children}</MultiCallContext.Provider>;
}

/** The shared hold state, or null outside the agent workspace (a lone call panel). */
export function useMultiCall(): MultiCallContextValue | null {
  return useContext(MultiCallContext);
}

/** Reports a call panel's hold state for its softphone call and its task while the panel shows them. */
export function useReportHold(key: string | null, taskSid: string | null, held: boolean) {
  const multi = useMultiCall();
  const setHeld = multi?.setHeld;
  const setTaskHeld = multi?.setTaskHeld;
  useEffect(() => {
    if (!setHeld || !key) return;
    setHeld(key, held);
    return () => setHeld(key, false);
  }, [setHeld, key, held]);
  useEffect(() => {
    if (!setTaskHeld || !taskSid) return;
    setTaskHeld(taskSid, held);
    return () => setTaskHeld(taskSid, false);
  }, [setTaskHeld, taskSid, held]);
}
