"use client";

import { useState } from "react";
import type { TrackedCall } from "@/components/providers/device-provider/types";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { HttpError, postJson } from "@/lib/client/post-json";
import { formatAddress } from "@/lib/format";
import { useKeyboardShortcuts } from "@/lib/hooks/use-keyboard-shortcuts";
import { formatElapsed, useNow } from "@/lib/hooks/use-now";
import { useTaskSummary } from "@/lib/hooks/use-task-summary";
import { AddPartyForm } from "./add-party-form";
import { CallQuality } from "./call-quality";
import { ConsultBar, pendingConsult, type Consult } from "./consult-bar";
import { Keypad } from "./keypad";
import { useMultiCall, useReportHold } from "./multi-call-context";
import { resumeBlockReason } from "./multi-call-rules";
import { TakeAnotherCall } from "./take-another-call";
import { TransferDialog, type TransferMode, type TransferTarget } from "./transfer-dialog";

interface CallPanelProps {
  call: TrackedCall | null;
  /** The TaskRouter reservation behind the call (inbound and transferred calls); hold and hang-up go through the task's conference. */
  reservation: TrackedReservation | null;
  recording: boolean;
  title: string;
  /** The first call panel answers the H / M / Shift+H keyboard shortcuts. */
  shortcuts?: boolean;
  /** Dials the agent back into the held call's conference when its softphone leg is gone (another call was taken). */
  onRejoin?: () => Promise<void>;
}

const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/** One live call: timer, recording indicator, mute, hold/resume, transfer, add party, keypad, hang up. */
export function CallPanel({ call, reservation, recording, title, shortcuts = false, onRejoin }: CallPanelProps) {
  const now = useNow();
  const [onHold, setOnHold] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [digits, setDigits] = useState("");
  const [showKeypad, setShowKeypad] = useState(false);
  const [showTransfer, setShowTransfer] = useState(false);
  const [showAddParty, setShowAddParty] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // A warm transfer in progress: after a reload, from the task's attributes.
  const [consult, setConsult] = useState<Consult | null>(() => pendingConsult(reservation?.task.attributes ?? {}));
  const taskSid = reservation?.task.sid ?? null;
  // An outbound call's customer leg is dialed after its task exists: follow it until it answers or ends.
  const outbound = reservation?.task.attributes.direction === "outbound" && reservation.task.attributes.type === "call";
  const { summary } = useTaskSummary(taskSid, outbound ? { pollUntil: (s) => s.callAnswered || ENDED.has(s.callStatus ?? "") } : {});
  const titleId = `call-${call?.key ?? taskSid ?? "pending"}`;
  const customerCallSid = typeof reservation?.task.attributes.call_sid === "string" ? reservation.task.attributes.call_sid : (summary?.callSid ?? null);
  const customerRinging = outbound && summary !== null && !summary.callAnswered && !ENDED.has(summary.callStatus ?? "");
  const multi = useMultiCall();
  useReportHold(call?.key ?? null, taskSid, onHold);
  // On hold without a softphone leg: the agent took or placed another call meanwhile.
  const parked = onHold && !call;

  /**
   * Call control right after answering can beat TaskRouter's event callbacks, which tell the server
   * about the task (404 until then) and make this agent its owner (403): try again briefly.
   */
  async function control(path: string, body: unknown) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await postJson(`/api/tasks/${taskSid}/${path}`, body);
      } catch (e) {
        if (!(e instanceof HttpError) || (e.status !== 403 && e.status !== 404) || attempt >= 5) throw e;
        await new Promise((resolve) => setTimeout(resolve, 800));
      }
    }
  }

  async function act(name: string, action: () => Promise<void>) {
    setBusy(name);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const hold = (next: boolean) =>
    act("hold", async () => {
      // One caller at a time hears the agent: resuming waits until the other call is held or ended.
      const refused = !next && multi ? resumeBlockReason(multi.calls, call?.key ?? "") : null;
      if (refused) throw new Error(refused);
      if (!next && !call && onRejoin) await onRejoin();
      else await control("hold", { hold: next });
      setOnHold(next);
    });
  const hangUp = () =>
    act("hangup", async () => {
      // The agent's leg leaving would leave the caller alone in the conference: end the customer's leg instead.
      if (taskSid && customerCallSid) await control("hangup", { callSid: customerCallSid });
      else call?.call.disconnect();
    });
  const closeTransfer = () => {
    setShowTransfer(false);
    document.getElementById(`${titleId}-transfer`)?.focus();
  };
  const transfer = async (mode: TransferMode, target: TransferTarget, name: string) => {
    const result = (await control("transfer", { mode, target })) as { transferTaskSid: string };
    setShowTransfer(false);
    if (mode === "warm") {
      setOnHold(true);
      setConsult({ transferTaskSid: result.transferTaskSid, name, kind: target.type });
    } else {
      setNotice(`Transferred to ${name}.`);
    }
  };
  const finishTransfer = (outcome: "handoff" | "return") =>
    act(outcome, async () => {
      await control("transfer/finish", { outcome });
      if (outcome === "return") {
        setOnHold(false);
        setNotice(`${consult?.name ?? "The other party"} left; you are back with the caller.`);
      } else {
        setNotice(`Transferred to ${consult?.name ?? "the other agent"}.`);
      }
      setConsult(null);
    });
  const addParty = async (e164: string) => {
    await control("participants", { to: e164 });
    setNotice(`Calling ${formatAddress(e164)} into the call.`);
  };
  const sendDigit = (digit: string) => {
    call?.call.sendDigits(digit);
    setDigits((d) => (d + digit).slice(-24));
  };

  const canMute = !!call && call.state === "open";
  const toggleMute = () => call?.call.mute(!call.muted);
  useKeyboardShortcuts(
    shortcuts
      ? {
          hangup: busy === null ? () => void hangUp() : null,
          mute: canMute ? toggleMute : null,
          hold: taskSid !== null && busy === null && call !== null ? () => void hold(!onHold) : null,
        }
      : {},
  );

  const state = call
    ? call.state === "reconnecting"
      ? "Reconnecting…"
      : call.state === "connecting" || customerRinging
        ? "Calling…"
        : onHold
          ? "On hold"
          : "Connected"
    : parked
      ? "On hold"
      : "Connecting…";
  return (
    <section aria-labelledby={titleId} data-testid="call-panel" data-held={onHold ? "true" : undefined} className={onHold ? "rounded-lg bg-amber-50 p-4 shadow-sm ring-2 ring-amber-300" : "rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"}>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={titleId} className="text-lg font-semibold text-slate-900">
            {summary?.contact?.name ?? title}
          </h3>
          {summary?.contact ? <p className="text-sm text-slate-600">{title}{summary.contact.company ? ` · ${summary.contact.company}` : ""}</p> : null}
          <p className="text-sm text-slate-600" role="status" aria-live="polite" data-testid="call-state">
            {state}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {recording ? (
            <Badge tone="danger" data-testid="recording-indicator">
              <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full bg-red-600" />
              Recording
            </Badge>
          ) : null}
          {call?.muted ? <Badge tone="warning">Muted</Badge> : null}
          <span className="text-xl font-semibold tabular-nums text-slate-900" aria-label="Call duration" data-testid="call-timer">
            {call?.connectedAt ? formatElapsed(now - call.connectedAt) : "00:00"}
          </span>
        </div>
      </header>
      <CallQuality call={call?.call ?? null} />
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="mt-2 text-sm text-slate-700" data-testid="call-notice">
          {notice}
        </p>
      ) : null}
      {consult ? <ConsultBar consult={consult} busy={busy} onComplete={() => void finishTransfer("handoff")} onCancel={() => void finishTransfer("return")} /> : null}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button variant="secondary" disabled={!canMute} aria-pressed={call?.muted ?? false} aria-keyshortcuts={shortcuts ? "M" : undefined} onClick={toggleMute}>
          {call?.muted ? "Unmute" : "Mute"}
        </Button>
        {taskSid ? (
          <Button variant="secondary" disabled={busy !== null || (!call && !(parked && onRejoin))} aria-pressed={onHold} aria-keyshortcuts={shortcuts ? "Shift+H" : undefined} onClick={() => void hold(!onHold)}>
            {busy === "hold" ? "…" : onHold ? "Resume" : "Hold"}
          </Button>
        ) : null}
        {taskSid ? (
          <Button id={`${titleId}-transfer`} variant="secondary" disabled={busy !== null || !call || consult !== null} aria-haspopup="dialog" onClick={() => setShowTransfer(true)}>
            Transfer
          </Button>
        ) : null}
        {taskSid ? (
          <Button variant="secondary" disabled={!call} aria-expanded={showAddParty} onClick={() => setShowAddParty((v) => !v)}>
            Add party
          </Button>
        ) : null}
        <Button variant="secondary" aria-expanded={showKeypad} onClick={() => setShowKeypad((v) => !v)}>
          Keypad
        </Button>
        <Button variant="danger" disabled={busy !== null} aria-keyshortcuts={shortcuts ? "H" : undefined} onClick={() => void hangUp()}>
          {busy === "hangup" ? "Hanging up…" : "Hang up"}
        </Button>
      </div>
      {onHold && taskSid && !consult && multi ? <TakeAnotherCall /> : null}
      {showAddParty ? <AddPartyForm onAdd={addParty} onDone={() => setShowAddParty(false)} /> : null}
      {showTransfer ? <TransferDialog onTransfer={transfer} onClose={closeTransfer} /> : null}
      {showKeypad && call ? (
        <div className="mt-3">
          <Keypad onDigit={sendDigit} sent={digits} />
        </div>
      ) : null}
    </section>
  );
}

export function callTitle(call: TrackedCall | null, reservation: TrackedReservation | null): string {
  const caller = reservation?.task.attributes.caller;
  if (typeof caller === "string") return formatAddress(caller);
  if (!call) return "Call";
  return formatAddress(call.direction === "inbound" ? call.from : call.to);
}
