"use client";

import { useEffect, useRef, useState } from "react";
import { createSoftphoneLock, softphoneLockName, type SoftphoneLock, type SoftphoneLockState } from "@/lib/client/softphone-lock";

/** Whether this tab owns the agent's softphone (see lib/client/softphone-lock.ts), and a way to take it over. */
export function useSoftphoneLock(userId: string): { state: SoftphoneLockState; takeOver(): void } {
  const [state, setState] = useState<SoftphoneLockState>("checking");
  const lock = useRef<SoftphoneLock | null>(null);
  useEffect(() => {
    const locks = typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : undefined;
    const current = createSoftphoneLock(locks, softphoneLockName(userId), setState);
    lock.current = current;
    return () => {
      current.dispose();
      lock.current = null;
    };
  }, [userId]);
  return { state, takeOver: () => lock.current?.takeOver() };
}
