"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useDeviceContext } from "@/components/providers/device-provider/device-context";
import type { TrackedCall } from "@/components/providers/device-provider/types";
import { twilioErrorMessage } from "@/lib/client/twilio-error-message";
import { checkDialNumber, formatAsYouType } from "@/lib/phone/dial-number";
import { useMultiCall } from "./multi-call-context";
import { dialBlockReason } from "./multi-call-rules";

export interface DialerContextValue {
  number: string;
  error: string | null;
  placing: boolean;
  /** Whether the softphone can place a call now (registered, and every call it has is on hold). */
  canDial: boolean;
  /** Why it cannot, for the dialer to show. */
  blockedReason: string | null;
  setNumber(raw: string): void;
  /** Places a call to `raw` (or the typed number) through the Device and the TwiML App. */
  dial(raw?: string): Promise<void>;
}

const DialerContext = createContext<DialerContextValue | null>(null);

/**
 * The Voice SDK places no call while another one is active, so the legs of the (held) calls are
 * dropped first: their callers stay on hold in their conferences and "Resume" dials the agent back in.
 */
function releaseHeldLegs(calls: TrackedCall[]): Promise<void[]> {
  return Promise.all(
    calls.map(
      (c) =>
        new Promise<void>((resolve) => {
          const done = () => {
            window.clearTimeout(timer);
            c.call.removeListener("disconnect", done);
            resolve();
          };
          const timer = window.setTimeout(done, 3000);
          c.call.on("disconnect", done);
          c.call.disconnect();
        }),
    ),
  );
}

export function useDialer(): DialerContextValue {
  const value = useContext(DialerContext);
  if (!value) throw new Error("useDialer must be used inside <DialerProvider>.");
  return value;
}

/** The outbound dialer's state, shared by the dialer form and the click-to-call buttons of the recent-calls table. */
export function DialerProvider({ children }: { children: ReactNode }) {
  const { connect, status, calls } = useDeviceContext();
  const [number, setRaw] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const multi = useMultiCall();
  // Another call may be placed while every call is on hold (the held callers hear hold music).
  const blockedReason = dialBlockReason({ registered: status === "registered", placing, calls: multi?.calls ?? calls.map((c) => ({ key: c.key, held: false })) });
  const canDial = blockedReason === null;

  const setNumber = useCallback((raw: string) => {
    setRaw(formatAsYouType(raw));
    setError(null);
  }, []);

  const dial = useCallback(
    async (raw?: string) => {
      const typed = raw ?? number;
      if (raw !== undefined) setRaw(formatAsYouType(raw));
      const check = checkDialNumber(typed);
      if (!check.ok) {
        setError(check.message);
        return;
      }
      if (blockedReason) {
        setError(blockedReason);
        return;
      }
      setError(null);
      setPlacing(true);
      try {
        if (calls.length > 0) await releaseHeldLegs(calls);
        await connect({ To: check.e164 });
      } catch (e) {
        setError(twilioErrorMessage(e));
      } finally {
        setPlacing(false);
      }
    },
    [number, blockedReason, calls, connect],
  );

  const value = useMemo<DialerContextValue>(() => ({ number, error, placing, canDial, blockedReason, setNumber, dial }), [number, error, placing, canDial, blockedReason, setNumber, dial]);
  return <DialerContext.Provider value={value}>{children}</DialerContext.Provider>;
}
