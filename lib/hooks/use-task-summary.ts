"use client";

import { useCallback, useEffect, useState } from "react";
import type { TaskSummary } from "@/lib/server/tasks/get-task-summary";

/**
 * The server's view of a task (contact, past calls, wrap-up deadline). The task row is written by
 * TaskRouter's event callback, which may land a moment after the SDK's event: retry a few times.
 */
export function useTaskSummary(taskSid: string | null, refreshKey: string = "") {
  const [summary, setSummary] = useState<TaskSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (sid: string, signal: AbortSignal) => {
    for (let attempt = 0; attempt < 6 && !signal.aborted; attempt++) {
      const response = await fetch(`/api/tasks/${sid}`, { cache: "no-store", signal }).catch(() => null);
      if (response?.ok) return (await response.json()) as TaskSummary;
      if (response && response.status !== 404) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? "Could not load the task.");
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
    return null;
  }, []);
  useEffect(() => {
    if (!taskSid) return;
    const controller = new AbortController();
    load(taskSid, controller.signal)
      .then((s) => !controller.signal.aborted && setSummary(s))
      .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e.message : String(e)));
    return () => controller.abort();
  }, [taskSid, refreshKey, load]);
  return { summary, error };
}
