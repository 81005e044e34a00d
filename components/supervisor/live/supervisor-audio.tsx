"use client";

/**
 * The supervisor's own softphone leg for monitor / whisper / barge. The server adds the
 * supervisor to the task's conference by dialing `client:<identity>` (supervise-call.ts), so the
 * browser needs a registered Voice SDK Device that answers that call. Monitor = muted, whisper =
 * coaching the agent, barge = a normal participant; switching modes updates the same leg.
 *
 * It owns one Device, created on the first supervise click (a user gesture, so audio may play),
 * and only answers incoming calls while a supervise request is outstanding. When the agent
 * workspace's DeviceProvider lands, this can read its Device instead of owning one.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Call, Device } from "@twilio/voice-sdk";
import type { TokenAnswer } from "@/lib/sandbox/media/browser/device-options";

export type SuperviseMode = "monitor" | "whisper" | "barge";

interface SupervisorAudio {
  /** The task the supervisor is listening to, and how. */
  active: { taskSid: string; mode: SuperviseMode; connected: boolean } | null;
  pending: boolean;
  error: string | null;
  supervise(taskSid: string, mode: SuperviseMode): Promise<void>;
  leave(): Promise<void>;
}

const Context = createContext<SupervisorAudio | null>(null);
/** How long an answered supervise request waits for its incoming call. */
const ANSWER_WINDOW_MS = 30_000;

async function fetchToken(): Promise<TokenAnswer> {
  const res = await fetch("/api/tokens/voice", { method: "POST" });
  if (!res.ok) throw new Error("Could not get a voice token.");
  return (await res.json()) as TokenAnswer;
}

async function createDevice(): Promise<Device> {
  const [{ Device }, { voiceDeviceOptions }, answer] = await Promise.all([
    import("@twilio/voice-sdk"),
    import("@/lib/sandbox/media/browser/device-options"),
    fetchToken(),
  ]);
  const device = new Device(answer.token, { ...voiceDeviceOptions(answer), closeProtection: true });
  await device.register();
  return device;
}

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? "The request failed.";
}

export function SupervisorAudioProvider({ children }: { children: React.ReactNode }) {
  const device = useRef<Promise<Device> | null>(null);
  const call = useRef<Call | null>(null);
  const expectingUntil = useRef(0);
  const [active, setActive] = useState<{ taskSid: string; mode: SuperviseMode } | null>(null);
  // Tracked apart from `active`: the leg may ring and be answered before the supervise request returns.
  const [connected, setConnected] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onIncoming = useCallback((incoming: Call) => {
    if (Date.now() > expectingUntil.current || call.current) return incoming.reject();
    expectingUntil.current = 0;
    call.current = incoming;
    const onDisconnect = () => {
      incoming.off("disconnect", onDisconnect);
      incoming.off("cancel", onDisconnect);
      call.current = null;
      setConnected(false);
      setActive(null);
    };
    incoming.on("disconnect", onDisconnect);
    incoming.on("cancel", onDisconnect);
    incoming.on("accept", () => setConnected(true));
    incoming.accept();
  }, []);

  const getDevice = useCallback(() => {
    device.current ??= createDevice().then((d) => {
      d.on("incoming", onIncoming);
      d.on("tokenWillExpire", () => void fetchToken().then((t) => d.updateToken(t.token)));
      d.on("error", (e: { message?: string }) => setError(e.message ?? "Softphone error."));
      return d;
    });
    device.current.catch(() => (device.current = null));
    return device.current;
  }, [onIncoming]);

  useEffect(
    () => () => {
      void device.current?.then((d) => {
        d.removeAllListeners();
        d.destroy();
      });
    },
    [],
  );

  const leaveCall = useCallback(async (taskSid: string) => {
    const res = await fetch(`/api/tasks/${taskSid}/supervise`, { method: "DELETE" });
    call.current?.disconnect();
    call.current = null;
    setConnected(false);
    setActive(null);
    if (!res.ok) throw new Error(await errorMessage(res));
  }, []);

  const supervise = useCallback(
    async (taskSid: string, mode: SuperviseMode) => {
      setPending(true);
      setError(null);
      try {
        if (active && active.taskSid !== taskSid) await leaveCall(active.taskSid);
        const inCall = active?.taskSid === taskSid && call.current;
        if (!inCall) {
          await getDevice();
          expectingUntil.current = Date.now() + ANSWER_WINDOW_MS;
        }
        const res = await fetch(`/api/tasks/${taskSid}/supervise`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ mode }),
        });
        if (!res.ok) throw new Error(await errorMessage(res));
        setActive({ taskSid, mode });
      } catch (e) {
        expectingUntil.current = 0;
        setError(e instanceof Error ? e.message : "Could not join the call.");
      } finally {
        setPending(false);
      }
    },
    [active, getDevice, leaveCall],
  );

  const leave = useCallback(async () => {
    if (!active) return;
    setPending(true);
    try {
      await leaveCall(active.taskSid);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not leave the call.");
    } finally {
      setPending(false);
    }
  }, [active, leaveCall]);

  const value = useMemo(
    () => ({ active: active ? { ...active, connected } : null, pending, error, supervise, leave }),
    [active, connected, pending, error, supervise, leave],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSupervisorAudio(): SupervisorAudio {
  const value = useContext(Context);
  if (!value) throw new Error("useSupervisorAudio must be used inside <SupervisorAudioProvider>.");
  return value;
}
