"use client";

import { useCallback, useEffect, useState } from "react";
import type { TaskSummary } from "@/lib/server/tasks/get-task-summary";

/**
 * The server's view of a task (contact, past calls, wrap-up deadline). The task row is written by
 * TaskRouter's event callbacks (task, then reservation), which may land a moment after the SDK's
 * event: until then the route answers 404 (no task) or 403 (no reservation of ours yet), so retry.
 */
export function useTaskSummary(taskSid: string | null, options: { refreshKey?: string; pollUntil?: (summary: TaskSummary) => boolean } = {}) {
  const [summary, setSummary] = useState<TaskSummary | null>(null);
  const [poll, setPoll] = useState(0);
  const { refreshKey = "", pollUntil } = options;
  const settled = !pollUntil || (summary !== null && pollUntil(summary));
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (sid: string, signal: AbortSignal) => {
    for (let attempt = 0; attempt < 12 && !signal.aborted; attempt++) {
      const response = await fetch(`/api/tasks/${sid}`, { cache: "no-store", signal }).catch(() => null);
      if (response?.ok) return (await response.json()) as TaskSummary;
      if (response && response.status !== 404 && !(response.status === 403 && attempt < 11)) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? "Could not load the task.");
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * (attempt + 1))));
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
  }, [taskSid, refreshKey, poll, load]);
  // Some fields appear later (the wrap-up deadline is set when TaskRouter reports wrapping): poll for them.
  useEffect(() => {
    if (!taskSid || settled) return;
    const id = window.setTimeout(() => setPoll((p) => p + 1), 2000);
    return () => window.clearTimeout(id);
  }, [taskSid, settled, summary, poll]);
  return { summary, error };
}
