"use client";

import { useEffect, useMemo, useState, type ReactNode } from "react";
import { fetchToken as defaultFetchToken, type TokenAnswer, type TokenFetcher } from "@/lib/client/fetch-token";
import { twilioErrorMessage } from "@/lib/client/twilio-error-message";
import type { Listener } from "../device-provider/types";
import { createWorker as defaultCreateWorker } from "./create-worker";
import { trackReservation } from "./track-reservation";
import type { TaskRouterWorker, TrackedReservation, WorkerReservation, WorkerStatus } from "./types";
import { WorkerContext, type WorkerContextValue } from "./worker-context";

interface WorkerProviderProps {
  children: ReactNode;
  fetchToken?: TokenFetcher;
  createWorker?: (answer: TokenAnswer) => Promise<TaskRouterWorker>;
  enabled?: boolean;
}

function snapshot(reservation: WorkerReservation, receivedAt: number): TrackedReservation {
  return { sid: reservation.sid, status: reservation.status, reservation, task: reservation.task, receivedAt };
}

/**
 * Owns the one TaskRouter Worker of the page: token (refreshed on `tokenExpired`), activity,
 * reservations and their tasks. The SDK reconnects its socket by itself (also when the old token's
 * socket is closed after a refresh) and then emits `ready` again with fresh Reservation objects,
 * which the provider follows instead. When the page comes back online or visible with the Worker
 * still disconnected, the provider builds a fresh one.
 */
export function WorkerProvider({ children, fetchToken = defaultFetchToken, createWorker = defaultCreateWorker, enabled = true }: WorkerProviderProps) {
  const [status, setStatus] = useState<WorkerStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  const [worker, setWorker] = useState<TaskRouterWorker | null>(null);
  const [revision, setRevision] = useState(0);
  const [activitySince, setActivitySince] = useState<number | null>(null);
  const [reservations, setReservations] = useState<TrackedReservation[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let current: TaskRouterWorker | null = null;
    let connected = false;
    // The Reservation objects followed, by sid. After a reconnect the SDK fetches the active
    // reservations again and replaces those objects: events then arrive on the new ones.
    const followed = new Map<string, { reservation: WorkerReservation; detach: () => void }>();
    const bump = () => setRevision((r) => r + 1);

    const unfollow = (sid: string) => {
      followed.get(sid)?.detach();
      followed.delete(sid);
    };
    const follow = (reservation: WorkerReservation) => {
      const known = followed.get(reservation.sid);
      if (known?.reservation === reservation) return;
      known?.detach();
      const now = Date.now();
      // A replaced object keeps the time it was first offered (the card's countdown).
      setReservations((list) => {
        const previous = list.find((r) => r.sid === reservation.sid);
        return [...list.filter((r) => r.sid !== reservation.sid), snapshot(reservation, previous?.receivedAt ?? now)];
      });
      followed.set(reservation.sid, {
        reservation,
        detach: trackReservation(reservation, {
          changed: () => setReservations((list) => list.map((r) => (r.sid === reservation.sid ? snapshot(reservation, r.receivedAt) : r))),
          ended: () => {
            unfollow(reservation.sid);
            setReservations((list) => list.filter((r) => r.sid !== reservation.sid));
          },
        }),
      });
    };
    /** On (re)connection: follow the SDK's current reservations, drop those that ended meanwhile. */
    const reconcile = () => {
      const active = [...(current?.reservations.values() ?? [])].filter((r) => ["pending", "accepted", "wrapping"].includes(r.status));
      const sids = new Set(active.map((r) => r.sid));
      for (const sid of [...followed.keys()]) if (!sids.has(sid)) unfollow(sid);
      setReservations((list) => list.filter((r) => sids.has(r.sid)));
      for (const reservation of active) follow(reservation);
    };
    const listeners: Record<string, Listener> = {
      ready: () => {
        connected = true;
        setStatus("ready");
        setError(null);
        setActivitySince(current?.dateActivityChanged?.getTime() ?? Date.now());
        reconcile();
        bump();
      },
      activityUpdated: () => {
        setActivitySince(Date.now());
        bump();
      },
      reservationCreated: ((reservation: WorkerReservation) => follow(reservation)) as Listener,
      tokenExpired: () =>
        void fetchToken("worker")
          .then((answer) => !disposed && current?.updateToken(answer.token))
          .catch((e: unknown) => !disposed && setError(twilioErrorMessage(e))),
      disconnected: () => {
        connected = false;
        setStatus("disconnected");
      },
      connected: () => {
        connected = true;
        setStatus("ready");
      },
      error: ((e: unknown) => setError(twilioErrorMessage(e))) as Listener,
    };
    const revive = () => {
      if (!disposed && current && !connected && document.visibilityState !== "hidden") setGeneration((g) => g + 1);
    };

    (async () => {
      try {
        const answer = await fetchToken("worker");
        if (disposed) return;
        current = await createWorker(answer);
        if (disposed) {
          current.disconnect();
          return;
        }
        for (const [event, listener] of Object.entries(listeners)) current.on(event, listener);
        setWorker(current);
      } catch (e) {
        if (!disposed) {
          setStatus("failed");
          setError(twilioErrorMessage(e));
        }
      }
    })();
    window.addEventListener("online", revive);
    document.addEventListener("visibilitychange", revive);

    return () => {
      disposed = true;
      window.removeEventListener("online", revive);
      document.removeEventListener("visibilitychange", revive);
      for (const sid of [...followed.keys()]) unfollow(sid);
      setReservations([]);
      if (current) {
        for (const [event, listener] of Object.entries(listeners)) current.removeListener(event, listener);
        current.disconnect();
      }
      setWorker(null);
      setStatus("connecting");
    };
  }, [enabled, generation, fetchToken, createWorker]);

  const value = useMemo<WorkerContextValue>(() => {
    void revision; // the Worker mutates in place; `revision` marks when to read it again
    return {
      status,
      error,
      worker,
      activity: worker && status !== "connecting" ? (worker.activity ?? null) : null,
      activitySince,
      activities: worker ? [...worker.activities.values()] : [],
      reservations,
    };
  }, [status, error, worker, activitySince, reservations, revision]);
  return <WorkerContext.Provider value={value}>{children}</WorkerContext.Provider>;
}
