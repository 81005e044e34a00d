"use client";

import { useActivity } from "@/lib/hooks/use-activity";
import { formatElapsed, useNow } from "@/lib/hooks/use-now";
import { cn } from "@/components/ui/cn";
import { useMultiCall } from "./multi-call-context";
import { liveCallReason } from "./multi-call-rules";

const ORDER = ["Available", "Busy", "Break", "Wrap-up", "Offline"];
const TONES: Record<string, string> = {
  Available: "bg-emerald-700 text-white",
  Busy: "bg-amber-500 text-white",
  Break: "bg-sky-600 text-white",
  "Wrap-up": "bg-violet-600 text-white",
  Offline: "bg-slate-600 text-white",
};

/**
 * The agent's TaskRouter activity with time in state. Going Offline while on a call (or with
 * accepted work) is refused with a reason: TaskRouter would let it happen and strand the caller.
 * Going Available during a call that is not on hold is refused too: with voice capacity left,
 * TaskRouter would ring a second call in the middle of the first.
 */
export function ActivitySwitcher({ busyReason }: { busyReason: string | null }) {
  const { ready, activity, activitySince, activities, setActivity, pending, error, setError } = useActivity();
  const now = useNow();
  const names = ORDER.filter((name) => activities.some((a) => a.name === name));
  const multi = useMultiCall();

  async function choose(name: string) {
    if (name === "Offline" && busyReason) {
      setError(`You can't go Offline now: ${busyReason}`);
      return;
    }
    const onCall = name === "Available" && multi ? liveCallReason(multi.calls) : null;
    if (onCall) {
      setError(`You can't go Available now: ${onCall} Hold it, then choose “Take another call”.`);
      return;
    }
    await setActivity(name);
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="status" aria-live="polite" className="flex items-center gap-2 text-sm">
        <span className="text-slate-500">Status</span>
        <span data-testid="current-activity" className={cn("rounded-full px-2.5 py-0.5 font-medium", TONES[activity?.name ?? ""] ?? "bg-slate-200 text-slate-700")}>
          {ready ? (activity?.name ?? "Unknown") : "Connecting…"}
        </span>
        {ready && activitySince ? (
          <span className="tabular-nums text-slate-500" aria-label="Time in this status">
            {formatElapsed(now - activitySince)}
          </span>
        ) : null}
      </div>
      <div role="group" aria-label="Change status" className="flex flex-wrap gap-1">
        {names.map((name) => (
          <button
            key={name}
            type="button"
            disabled={!ready || pending || activity?.name === name}
            aria-pressed={activity?.name === name}
            onClick={() => void choose(name)}
            className="rounded-md px-2.5 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 aria-pressed:bg-slate-900 aria-pressed:text-white aria-pressed:opacity-100"
          >
            {name}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
