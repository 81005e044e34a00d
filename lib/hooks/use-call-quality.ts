"use client";

import { useEffect, useState } from "react";
import type { Listener, SoftphoneCall } from "@/components/providers/device-provider/types";
import { callQualityWarnings, type QualityWarning } from "@/lib/client/call-quality-message";

interface Snapshot {
  call: SoftphoneCall | null;
  names: string[];
  mos: number | null;
}

/**
 * The Voice SDK's quality warnings for one call, as they are raised (`warning`) and cleared
 * (`warning-cleared`), plus the latest MOS estimate from the once-a-second RTC `sample`. The SDK
 * raises a warning only after several bad samples in a row and clears it after several good
 * ones, so nothing here needs its own debouncing.
 */
export function useCallQuality(call: SoftphoneCall | null): { warnings: QualityWarning[]; mos: number | null } {
  const [snapshot, setSnapshot] = useState<Snapshot>({ call, names: [], mos: null });

  useEffect(() => {
    if (!call) return;
    const update = (change: (s: Snapshot) => Snapshot) =>
      setSnapshot((s) => {
        const base = s.call === call ? s : { call, names: [], mos: null };
        const next = change(base);
        return next === s ? s : next;
      });
    const onWarning = (name: string) => update((s) => (s.names.includes(name) ? s : { ...s, names: [...s.names, name] }));
    const onCleared = (name: string) => update((s) => (s.names.includes(name) ? { ...s, names: s.names.filter((n) => n !== name) } : s));
    const onSample = (sample: { mos?: number | null }) => {
      const mos = typeof sample?.mos === "number" ? Math.round(sample.mos * 10) / 10 : null;
      update((s) => (s.mos === mos ? s : { ...s, mos }));
    };
    const listeners: Record<string, Listener> = { warning: onWarning as Listener, "warning-cleared": onCleared as Listener, sample: onSample as Listener };
    for (const [event, listener] of Object.entries(listeners)) call.on(event, listener);
    return () => {
      for (const [event, listener] of Object.entries(listeners)) call.removeListener(event, listener);
    };
  }, [call]);

  // Another call in the same panel (after a transfer leg) starts clean.
  const current = snapshot.call === call ? snapshot : { names: [], mos: null };
  return { warnings: callQualityWarnings(current.names), mos: current.mos };
}
