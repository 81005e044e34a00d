"use client";

import { Button } from "@/components/ui/button";

/** A warm transfer in progress: the caller holds while the agent talks to the consulted party. */
export interface Consult {
  transferTaskSid: string;
  /** The consulted agent's or queue's name. */
  name: string;
  kind: "agent" | "queue";
}

/** The warm transfer a task's attributes say is in progress (`transfer_pending`, set by the transfer route), if any. */
export function pendingConsult(attributes: Record<string, unknown>): Consult | null {
  const pending = attributes.transfer_pending as { task_sid?: unknown } | null | undefined;
  if (!pending || typeof pending.task_sid !== "string") return null;
  const steps = Array.isArray(attributes.transfers) ? (attributes.transfers as { to_task_sid?: unknown; target?: { type?: unknown; name?: unknown } }[]) : [];
  const step = steps.find((s) => s.to_task_sid === pending.task_sid) ?? steps.at(-1);
  const name = typeof step?.target?.name === "string" ? step.target.name : "the other party";
  return { transferTaskSid: pending.task_sid, name, kind: step?.target?.type === "queue" ? "queue" : "agent" };
}

interface ConsultBarProps {
  consult: Consult;
  /** The call panel's running action, if any ("handoff" / "return" while finishing). */
  busy: string | null;
  onComplete(): void;
  onCancel(): void;
}

export function ConsultBar({ consult, busy, onComplete, onCancel }: ConsultBarProps) {
  return (
    <div role="group" aria-label="Warm transfer" data-testid="consult-bar" className="mt-3 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
      <p className="text-sm text-amber-900">
        Consulting <strong>{consult.name}</strong>
        {consult.kind === "queue" ? " (the next agent who accepts)" : ""}. The caller is on hold and hears music.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button variant="success" size="sm" autoFocus disabled={busy !== null} onClick={onComplete}>
          {busy === "handoff" ? "Transferring…" : "Complete transfer"}
        </Button>
        <Button variant="secondary" size="sm" disabled={busy !== null} onClick={onCancel}>
          {busy === "return" ? "Returning…" : "Cancel (return to caller)"}
        </Button>
      </div>
    </div>
  );
}
