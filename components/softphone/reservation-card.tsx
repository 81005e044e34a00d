"use client";

import { useState } from "react";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatAddress, formatDateTime } from "@/lib/format";
import { useKeyboardShortcuts } from "@/lib/hooks/use-keyboard-shortcuts";
import { formatElapsed, useNow } from "@/lib/hooks/use-now";
import { useTaskSummary } from "@/lib/hooks/use-task-summary";

const TYPE_LABELS: Record<string, string> = { call: "Incoming call", voicemail: "Voicemail", callback: "Callback request", transfer: "Transferred call" };

interface ReservationCardProps {
  reservation: TrackedReservation;
  /** For calls: the softphone is ringing with this reservation's call (accepting answers it). */
  canAnswer: boolean;
  onAccept(): Promise<void>;
  onReject(): Promise<void>;
  /** The first offered card answers the A / R keyboard shortcuts. */
  shortcuts?: boolean;
}

/** An offered task: who, from which queue, how they got here, how long they waited; accept or reject before it times out. */
export function ReservationCard({ reservation, canAnswer, onAccept, onReject, shortcuts = false }: ReservationCardProps) {
  const now = useNow();
  const { summary, error: summaryError } = useTaskSummary(reservation.task.sid);
  const [busy, setBusy] = useState<"accept" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const attributes = reservation.task.attributes;
  const type = String(attributes.type ?? "call");
  const isCall = type === "call" && typeof attributes.call_sid === "string";
  const caller = summary?.caller ?? (typeof attributes.caller === "string" ? attributes.caller : typeof attributes.from === "string" ? attributes.from : null);
  const taskStart = reservation.task.dateCreated?.getTime() ?? reservation.receivedAt - (reservation.task.age ?? 0) * 1000;
  const expiresAt = reservation.receivedAt + (reservation.reservation.timeout ?? 0) * 1000;
  const remaining = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const ivrPath = summary?.ivrPath ?? (Array.isArray(attributes.ivr_path) ? attributes.ivr_path.map(String) : []);

  async function run(which: "accept" | "reject", action: () => Promise<void>) {
    setBusy(which);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(null);
    }
  }

  const canAccept = busy === null && (!isCall || canAnswer);
  useKeyboardShortcuts(
    shortcuts
      ? { answer: canAccept ? () => void run("accept", onAccept) : null, reject: busy === null ? () => void run("reject", onReject) : null }
      : {},
  );

  const titleId = `reservation-${reservation.sid}`;
  return (
    <article aria-labelledby={titleId} data-testid="reservation-card" className="rounded-lg bg-white p-4 shadow-sm ring-2 ring-brand-500">
      <header className="flex items-start justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-brand-700">{TYPE_LABELS[type] ?? "New task"}</p>
          <h3 id={titleId} className="text-lg font-semibold text-slate-900">
            {summary?.contact?.name ?? (caller ? formatAddress(caller) : "Unknown caller")}
          </h3>
          {summary?.contact ? <p className="text-sm text-slate-600">{formatAddress(caller)}</p> : null}
        </div>
        {reservation.reservation.timeout ? (
          <p className="text-right text-sm text-slate-600" aria-live="off">
            <span className="block text-xs">Respond within</span>
            <span className="text-xl font-semibold tabular-nums text-slate-900" data-testid="reservation-countdown">
              {remaining}s
            </span>
          </p>
        ) : null}
      </header>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Queue</dt>
        <dd>{summary?.queueName ?? reservation.task.queueName ?? String(attributes.queue ?? "—")}</dd>
        <dt className="text-slate-500">IVR path</dt>
        <dd>{ivrPath.length ? ivrPath.join(" › ") : "—"}</dd>
        <dt className="text-slate-500">Waiting</dt>
        <dd className="tabular-nums">{formatElapsed(now - taskStart)}</dd>
      </dl>
      {summary && summary.previous.length > 0 ? (
        <div className="mt-3">
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Previous interactions</h4>
          <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
            {summary.previous.map((p) => (
              <li key={p.id}>
                {formatDateTime(p.startedAt)} · {p.direction === "inbound" ? "Inbound" : "Outbound"}
                {p.disposition ? ` · ${p.disposition}` : p.outcome ? ` · ${p.outcome}` : ""}
                {p.agentName ? ` · ${p.agentName}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : summaryError ? (
        <p className="mt-3 text-sm text-slate-500">Contact details are unavailable: {summaryError}</p>
      ) : summary ? (
        <p className="mt-3 text-sm text-slate-500">
          <Badge>First contact</Badge>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-4 flex gap-2">
        <Button variant="success" disabled={!canAccept} aria-keyshortcuts={shortcuts ? "A" : undefined} onClick={() => void run("accept", onAccept)}>
          {isCall && !canAnswer ? "Connecting…" : busy === "accept" ? "Accepting…" : "Accept"}
        </Button>
        <Button variant="danger" disabled={busy !== null} aria-keyshortcuts={shortcuts ? "R" : undefined} onClick={() => void run("reject", onReject)}>
          {busy === "reject" ? "Rejecting…" : "Reject"}
        </Button>
      </div>
    </article>
  );
}
