"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Keeps the server-rendered inbox live: every `message.updated` event on the stream refreshes the
 * page's data (coalesced, at most a few times a second). EventSource reconnects by itself; each
 * (re)connect refreshes once to pick up anything missed while disconnected.
 */
export function LiveRefresh({ url }: { url: string }) {
  const router = useRouter();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, 250);
    };
    // On every (re)connect: anything that happened before the stream was listening is picked up.
    source.onopen = () => {
      setConnected(true);
      refresh();
    };
    source.onerror = () => setConnected(false);
    source.addEventListener("message.updated", refresh);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [url, router]);
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" role="status" aria-live="polite">
      <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-slate-300"}`} />
      {connected ? "Live" : "Reconnecting…"}
    </span>
  );
}
