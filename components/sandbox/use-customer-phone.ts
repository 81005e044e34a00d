"use client";
/**
 * Owns one CustomerPhone (lib/sandbox/media/browser/customer-phone.ts) for the console: connects
 * it as `number`, mirrors its events into React state, and disconnects on unmount or when the
 * number changes. Every `.on` is paired with its `off` in the cleanup.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { CustomerPhone, type PhoneCallInfo } from "@/lib/sandbox/media/browser/customer-phone";

export interface Caption {
  id: number;
  text: string;
}

export function useCustomerPhone(sandboxUrl: string, number: string, audioElement: HTMLAudioElement | null) {
  const phoneRef = useRef<CustomerPhone | null>(null);
  const [ready, setReady] = useState(false);
  const [call, setCall] = useState<PhoneCallInfo | null>(null);
  const [ringing, setRinging] = useState<{ callSid: string; from: string } | null>(null);
  const [captions, setCaptions] = useState<Caption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);

  useEffect(() => {
    if (!audioElement) return;
    const phone = new CustomerPhone({ sandboxUrl, number, audioElement });
    phoneRef.current = phone;
    let captionId = 0;
    const offs = [
      phone.on("ready", () => setReady(true)),
      phone.on("disconnected", () => setReady(false)),
      phone.on("ring", ({ callSid, from }) => setRinging({ callSid, from })),
      phone.on("ring-canceled", ({ callSid }) => setRinging((r) => (r?.callSid === callSid ? null : r))),
      phone.on("call", (info) => {
        setCall(info);
        setRinging(null);
        setCaptions([]);
      }),
      phone.on("status", ({ callSid, status }) => setCall((c) => (c?.callSid === callSid ? { ...c, status } : c))),
      phone.on("caption", ({ text }) => setCaptions((list) => [...list.slice(-49), { id: ++captionId, text }])),
      phone.on("hangup", ({ callSid }) => {
        setCall((c) => (c?.callSid === callSid ? null : c));
        setMuted(false);
      }),
      phone.on("error", ({ message }) => setError(message)),
    ];
    phone.connect().catch((e: Error) => setError(e.message));
    return () => {
      for (const off of offs) off();
      phone.disconnect();
      phoneRef.current = null;
      setReady(false);
      setCall(null);
      setRinging(null);
    };
  }, [sandboxUrl, number, audioElement]);

  const run = useCallback(async (action: (phone: CustomerPhone) => Promise<unknown> | void) => {
    const phone = phoneRef.current;
    if (!phone) return;
    setError(null);
    try {
      await action(phone);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  return {
    ready,
    call,
    ringing,
    captions,
    error,
    muted,
    dial: (to: string) => run((p) => p.dial(to)),
    answer: (callSid: string, from: string) => run((p) => p.answer(callSid, from)),
    reject: (callSid: string) => run((p) => p.reject(callSid)),
    hangup: () => run((p) => p.hangup()),
    press: (digits: string) => run((p) => p.sendDigits(digits)),
    say: (text: string) => run((p) => p.say(text)),
    toggleMute: () =>
      run((p) => {
        p.mute(!p.isMuted);
        setMuted(p.isMuted);
      }),
  };
}
