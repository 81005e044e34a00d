"use client";

import { Button } from "@/components/ui/button";
import { useActivity } from "@/lib/hooks/use-activity";
import { useReservations } from "@/lib/hooks/use-reservations";
import { useMultiCall } from "./multi-call-context";
import { takeAnotherCall } from "./multi-call-rules";

/**
 * Shown on a held call: makes the agent Available so TaskRouter offers the next call (the voice
 * channel has capacity left). The server moves them back to Busy once the next call is reserved.
 */
export function TakeAnotherCall() {
  const multi = useMultiCall();
  const { activity, setActivity, pending, error } = useActivity();
  const { pending: offered, accepted, wrapping } = useReservations();
  if (!multi) return null;
  const verdict = takeAnotherCall({ capacity: multi.capacity, calls: multi.calls, openTasks: offered.length + accepted.length + wrapping.length, activity: activity?.name ?? null });
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2" data-testid="take-another-call">
      <Button variant="secondary" disabled={verdict.state !== "ready" || pending} onClick={() => void setActivity("Available")}>
        {verdict.state === "waiting" ? "Waiting for another call…" : "Take another call"}
      </Button>
      {verdict.state === "blocked" ? <p className="text-sm text-slate-600">{verdict.reason}</p> : null}
      {verdict.state === "waiting" ? <p className="text-sm text-slate-600" role="status">You are Available: the next call will ring here; this one stays on hold.</p> : null}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
