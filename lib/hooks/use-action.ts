"use client";

import { useCallback, useState, useTransition } from "react";

type Result<T> = { ok: true; data: T } | { ok: false; error: string; code: string };

/**
 * Runs a server action built with `authedAction` and keeps its outcome for the UI:
 * `pending` while it runs, `error` with the server's human message, `saved` after success.
 */
export function useAction<I, T>(action: (input: I) => Promise<Result<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const run = useCallback(
    (input: I, onSuccess?: (data: T) => void) =>
      startTransition(async () => {
        setSaved(false);
        const result = await action(input);
        if (result.ok) {
          setError(null);
          setSaved(true);
          onSuccess?.(result.data);
        } else {
          setError(result.error);
        }
      }),
    [action],
  );
  return { run, pending, error, saved };
}
