"use client";
/** Polls the app's sandbox board route once a second while the page is open. */
import { useCallback, useEffect, useState } from "react";
import type { SandboxBoard } from "@/lib/server/sandbox/get-sandbox-board";

const POLL_MS = 1_000;

export function useSandboxBoard() {
  const [board, setBoard] = useState<SandboxBoard | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/sandbox/state", { cache: "no-store" });
      const data = (await res.json()) as SandboxBoard & { error?: { message: string } };
      if (!res.ok) throw new Error(data.error?.message ?? `The board could not be loaded (${res.status}).`);
      setBoard(data);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh]);

  return { board, error, refresh };
}

