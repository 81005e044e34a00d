"use client";

import { useEffect, useState } from "react";
import type { LiveSnapshot } from "@/lib/server/supervisor/live-snapshot";

const RECONNECT_MS = 3000;

export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * The live view's state: the server-rendered snapshot first, then every `snapshot` event of
 * `/api/supervisor/live`. EventSource reconnects on its own (sending Last-Event-ID) and the server
 * answers each connection with the current snapshot, so a drop heals without a reload.
 * `skewMs` is server clock minus browser clock, so timers agree with the server.
 */
export function useLiveSnapshot(initial: LiveSnapshot) {
  const [snapshot, setSnapshot] = useState(initial);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [skewMs, setSkewMs] = useState(() => Date.parse(initial.generatedAt) - Date.now());

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const onSnapshot = (event: MessageEvent<string>) => {
      const next = JSON.parse(event.data) as LiveSnapshot;
      setSnapshot(next);
      // Delivery delay only ever makes this smaller, so the largest sample is the best estimate
      // (timers would otherwise jitter by the snapshot's compute and transfer time).
      const sample = Date.parse(next.generatedAt) - Date.now();
      setSkewMs((current) => Math.max(current, sample));
      setStatus("live");
    };
    const onError = () => {
      setStatus("reconnecting");
      // CONNECTING after an error: the browser retries by itself. CLOSED: it gave up (the server
      // answered with an error status, e.g. during a restart), so open a new one ourselves.
      if (source?.readyState === EventSource.CLOSED) retry = setTimeout(connect, RECONNECT_MS);
    };
    function connect() {
      source?.close();
      source = new EventSource("/api/supervisor/live");
      source.addEventListener("snapshot", onSnapshot);
      source.addEventListener("error", onError);
    }
    // Back online: reconnect now rather than when the browser's retry timer next fires.
    const onOnline = () => {
      if (source?.readyState === EventSource.OPEN) return;
      if (retry) clearTimeout(retry);
      connect();
    };
    window.addEventListener("online", onOnline);
    connect();
    return () => {
      window.removeEventListener("online", onOnline);
      if (retry) clearTimeout(retry);
      source?.removeEventListener("snapshot", onSnapshot);
      source?.removeEventListener("error", onError);
      source?.close();
    };
  }, []);

  return { snapshot, status, skewMs };
}

/** Re-renders every second; returns the server's "now" in ms. */
export function useServerNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now + skewMs;
}
