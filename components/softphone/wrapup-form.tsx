"use client";

import { useId, useState, type FormEvent } from "react";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { postJson } from "@/lib/client/post-json";
import { formatAddress } from "@/lib/format";
import { formatElapsed, useNow } from "@/lib/hooks/use-now";
import { useTaskSummary } from "@/lib/hooks/use-task-summary";

export interface DispositionOption {
  code: string;
  label: string;
}

/**
 * After the call: disposition and notes, saved to the call and the task. The server completes the
 * task by itself when the wrap-up time runs out (the sweeper); the countdown shows that deadline.
 * Completing returns the agent to Available.
 */
export function WrapupForm({ reservation, dispositions }: { reservation: TrackedReservation; dispositions: DispositionOption[] }) {
  const now = useNow();
  const { summary } = useTaskSummary(reservation.task.sid, { refreshKey: reservation.status, pollUntil: (s) => s.wrapupDeadlineAt !== null || s.status === "completed" });
  const [disposition, setDisposition] = useState("");
  const [notes, setNotes] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const caller = reservation.task.attributes.caller;
  const deadline = summary?.wrapupDeadlineAt ? new Date(summary.wrapupDeadlineAt).getTime() : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!disposition) {
      setError("Choose a disposition.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await postJson(`/api/tasks/${reservation.task.sid}/complete`, { disposition, notes: notes.trim() || undefined });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="wrapup-form" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-violet-300">
      <header className="flex items-start justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-violet-700">Wrap-up</p>
          <h3 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            {typeof caller === "string" ? formatAddress(caller) : "Finished task"}
          </h3>
        </div>
        {deadline ? (
          <p className="text-right text-sm text-slate-600">
            <span className="block text-xs">Completes automatically in</span>
            <span className="text-xl font-semibold tabular-nums text-slate-900" data-testid="wrapup-countdown">
              {formatElapsed(deadline - now)}
            </span>
          </p>
        ) : null}
      </header>
      <div className="mt-3 grid gap-3">
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Disposition</span>
          <Select value={disposition} onChange={(e) => setDisposition(e.target.value)} required aria-required="true">
            <option value="">Choose…</option>
            {dispositions.map((d) => (
              <option key={d.code} value={d.code}>
                {d.label}
              </option>
            ))}
          </Select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Notes</span>
          <textarea
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            maxLength={4000}
            rows={3}
            className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
          />
        </label>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Completing…" : "Complete"}
        </Button>
      </div>
    </form>
  );
}
