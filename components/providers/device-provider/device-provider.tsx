"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { fetchToken as defaultFetchToken, type TokenAnswer, type TokenFetcher } from "@/lib/client/fetch-token";
import { twilioErrorMessage } from "@/lib/client/twilio-error-message";
import { createDevice as defaultCreateDevice } from "./create-device";
import { DeviceContext, type DeviceContextValue } from "./device-context";
import { describeCall, trackCall } from "./track-call";
import type { DeviceStatus, Listener, SoftphoneAudio, SoftphoneCall, SoftphoneDevice, TrackedCall } from "./types";
import { useAudioDevicesState } from "./use-audio-devices-state";

interface DeviceProviderProps {
  children: ReactNode;
  /** Injected in unit tests; the app uses the token route and the real SDK. */
  fetchToken?: TokenFetcher;
  createDevice?: (answer: TokenAnswer) => Promise<SoftphoneDevice>;
  /** False keeps the Device unregistered (another tab owns the softphone). */
  enabled?: boolean;
}

/**
 * Owns the one Voice SDK Device of the page: fetches its token, registers, refreshes the token
 * before it expires (`tokenWillExpire` → `updateToken`), registers again after the network or the
 * computer comes back, follows every call, keeps the agent's microphone and speaker choice in
 * effect, and takes all of it down on unmount.
 */
export function DeviceProvider({ children, fetchToken = defaultFetchToken, createDevice = defaultCreateDevice, enabled = true }: DeviceProviderProps) {
  const [status, setStatus] = useState<DeviceStatus>("starting");
  const [error, setError] = useState<string | null>(null);
  const [identity, setIdentity] = useState<string | null>(null);
  const [calls, setCalls] = useState<TrackedCall[]>([]);
  // The Device's AudioHelper: microphone / speaker choice, re-applied for every new Device.
  const [audioHelper, setAudioHelper] = useState<SoftphoneAudio | null>(null);
  const audio = useAudioDevicesState(audioHelper);
  const deviceRef = useRef<SoftphoneDevice | null>(null);
  const detachers = useRef(new Map<SoftphoneCall, () => void>());

  const follow = useCallback((call: SoftphoneCall, direction: TrackedCall["direction"], state: TrackedCall["state"]) => {
    if (detachers.current.has(call)) return;
    const entry = describeCall(call, direction, state);
    setCalls((current) => [...current, entry]);
    const detach = trackCall(call, {
      update: (patch) =>
        setCalls((current) =>
          current.map((c) => (c.call === call ? { ...c, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } : c)),
        ),
      remove: () => {
        detachers.current.get(call)?.();
        detachers.current.delete(call);
        setCalls((current) => current.filter((c) => c.call !== call));
      },
    });
    detachers.current.set(call, detach);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let device: SoftphoneDevice | null = null;
    const calls = detachers.current;

    const refreshToken = async () => {
      try {
        const answer = await fetchToken("voice");
        if (!disposed) device?.updateToken(answer.token);
      } catch (e) {
        if (!disposed) setError(twilioErrorMessage(e));
      }
    };
    const listeners: Record<string, Listener> = {
      registering: () => setStatus("registering"),
      registered: () => {
        setStatus("registered");
        setError(null);
      },
      unregistered: () => setStatus("unregistered"),
      error: ((e: unknown) => setError(twilioErrorMessage(e))) as Listener,
      incoming: ((call: SoftphoneCall) => follow(call, "inbound", "ringing")) as Listener,
      tokenWillExpire: () => void refreshToken(),
    };
    // After sleep or a network outage the token may have expired and the registration lapsed.
    const revive = async () => {
      if (disposed || !device || document.visibilityState === "hidden") return;
      if (device.state !== "unregistered") return;
      await refreshToken();
      if (!disposed) await device.register().catch((e: unknown) => setError(twilioErrorMessage(e)));
    };
    const onVisible = () => void revive();

    (async () => {
      try {
        const answer = await fetchToken("voice");
        if (disposed) return;
        setIdentity(answer.identity);
        device = await createDevice(answer);
        if (disposed) {
          device.destroy();
          return;
        }
        deviceRef.current = device;
        setAudioHelper(device.audio);
        for (const [event, listener] of Object.entries(listeners)) device.on(event, listener);
        await device.register();
      } catch (e) {
        if (!disposed) {
          setStatus("failed");
          setError(twilioErrorMessage(e));
        }
      }
    })();
    window.addEventListener("online", onVisible);
    document.addEventListener("visibilitychange", onVisible);

    return () => {
      disposed = true;
      window.removeEventListener("online", onVisible);
      document.removeEventListener("visibilitychange", onVisible);
      for (const detach of calls.values()) detach();
      calls.clear();
      setCalls([]);
      if (device) {
        for (const [event, listener] of Object.entries(listeners)) device.removeListener(event, listener);
        device.destroy();
      }
      deviceRef.current = null;
      setAudioHelper(null);
      setStatus("starting");
    };
  }, [enabled, fetchToken, createDevice, follow]);

  const connect = useCallback(
    async (params: Record<string, string>) => {
      const device = deviceRef.current;
      if (!device) throw new Error("The softphone is not ready yet.");
      const call = await device.connect({ params });
      follow(call, "outbound", "connecting");
      return call;
    },
    [follow],
  );

  const shownStatus: DeviceStatus = enabled ? status : "unregistered";
  const value = useMemo<DeviceContextValue>(() => ({ status: shownStatus, error, identity, calls, connect, audio }), [shownStatus, error, identity, calls, connect, audio]);
  return <DeviceContext.Provider value={value}>{children}</DeviceContext.Provider>;
}
