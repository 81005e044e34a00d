"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useDeviceContext } from "@/components/providers/device-provider/device-context";
import { twilioErrorMessage } from "@/lib/client/twilio-error-message";
import { checkDialNumber, formatAsYouType } from "@/lib/phone/dial-number";

export interface DialerContextValue {
  number: string;
  error: string | null;
  placing: boolean;
  /** Whether the softphone can place a call now (registered, and not already on one). */
  canDial: boolean;
  setNumber(raw: string): void;
  /** Places a call to `raw` (or the typed number) through the Device and the TwiML App. */
  dial(raw?: string): Promise<void>;
}

const DialerContext = createContext<DialerContextValue | null>(null);

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
  const canDial = status === "registered" && calls.length === 0 && !placing;

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
      if (!canDial) {
        setError(status === "registered" ? "Finish your current call first." : "Your softphone is not connected yet.");
        return;
      }
      setError(null);
      setPlacing(true);
      try {
        await connect({ To: check.e164 });
      } catch (e) {
        setError(twilioErrorMessage(e));
      } finally {
        setPlacing(false);
      }
    },
    [number, canDial, status, connect],
  );

  const value = useMemo<DialerContextValue>(() => ({ number, error, placing, canDial, setNumber, dial }), [number, error, placing, canDial, setNumber, dial]);
  return <DialerContext.Provider value={value}>{children}</DialerContext.Provider>;
}
