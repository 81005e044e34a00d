"use client";

import { createContext, useContext } from "react";
import type { TaskRouterWorker, TrackedReservation, WorkerActivity, WorkerStatus } from "./types";

export interface WorkerContextValue {
  status: WorkerStatus;
  error: string | null;
  worker: TaskRouterWorker | null;
  activity: WorkerActivity | null;
  /** When the current activity began (ms since epoch). */
  activitySince: number | null;
  activities: WorkerActivity[];
  reservations: TrackedReservation[];
}

export const WorkerContext = createContext<WorkerContextValue | null>(null);

export function useWorkerContext(): WorkerContextValue {
  const value = useContext(WorkerContext);
  if (!value) throw new Error("useWorkerContext must be used inside <WorkerProvider>.");
  return value;
}
