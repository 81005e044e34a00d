"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { TransferTargets } from "@/lib/server/agents/list-transfer-targets";

export type TransferMode = "cold" | "warm";
export type TransferTarget = { type: "agent"; userId: string } | { type: "queue"; queueKey: string };

interface TransferDialogProps {
  /** Starts the transfer; a rejection's message is shown in the dialog. */
  onTransfer(mode: TransferMode, target: TransferTarget, name: string): Promise<void>;
  onClose(): void;
  /** Injected in unit tests; the app asks the server. */
  loadTargets?: () => Promise<TransferTargets>;
}

const REFRESH_MS = 3_000;

async function fetchTargets(): Promise<TransferTargets> {
  const response = await fetch("/api/transfer-targets", { cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (TransferTargets & { error?: { message?: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? "Could not load the agents and queues.");
  return body;
}

/** Parses a `<select>` value ("agent:<id>" / "queue:<key>") back into a transfer target. */
export function parseTargetValue(value: string): TransferTarget | null {
  const [type, ...rest] = value.split(":");
  const id = rest.join(":");
  if (!id) return null;
  if (type === "agent") return { type: "agent", userId: id };
  if (type === "queue") return { type: "queue", queueKey: id };
  return null;
}

/** Keeps Tab and Shift+Tab inside the dialog. */
function trapFocus(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key !== "Tab") return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>("select, input, button")].filter((el) => !(el as HTMLButtonElement).disabled);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Pick who takes the call (an agent, with their current activity, or a queue) and how: "Transfer
 * now" (cold: the agent leaves at once) or "Consult first" (warm: the caller holds while the agent
 * talks to the other party, then completes or cancels). Escape or Close dismisses it.
 */
export function TransferDialog({ onTransfer, onClose, loadTargets = fetchTargets }: TransferDialogProps) {
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState<TransferMode | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Loaded on open and refreshed while open, so activities stay current (an agent who just went Available).
  useEffect(() => {
    let live = true;
    const load = () =>
      loadTargets()
        .then((t) => {
          if (!live) return;
          setTargets(t);
          setValue((current) => {
            if (current) return current;
            const first = t.agents.find((a) => a.available);
            return first ? `agent:${first.userId}` : "";
          });
        })
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    void load();
    const id = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, [loadTargets]);

  const loaded = targets !== null;
  useEffect(() => {
    if (loaded) document.getElementById("transfer-target")?.focus();
  }, [loaded]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

  const target = parseTargetValue(value);
  const targetName = (() => {
    if (!target || !targets) return "";
    if (target.type === "agent") return targets.agents.find((a) => a.userId === target.userId)?.name ?? "";
    return targets.queues.find((q) => q.key === target.queueKey)?.name ?? "";
  })();

  async function submit(mode: TransferMode) {
    if (!target) {
      setError("Choose an agent or a queue to transfer to.");
      return;
    }
    setBusy(mode);
    setError(null);
    try {
      await onTransfer(mode, target, targetName);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="transfer-dialog-title"
        className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={trapFocus}
      >
        <h2 id="transfer-dialog-title" className="text-lg font-semibold text-slate-900">
          Transfer call
        </h2>
        <form
          className="mt-4 space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit("cold");
          }}
        >
          <div>
            <Label htmlFor="transfer-target">Transfer to</Label>
            <Select
              id="transfer-target"
              className="mt-1"
              value={value}
              disabled={!targets || busy !== null}
              aria-describedby={error ? "transfer-error" : undefined}
              onChange={(event) => setValue(event.target.value)}
            >
              <option value="">{targets ? "Choose an agent or a queue" : "Loading…"}</option>
              {targets && targets.agents.length > 0 ? (
                <optgroup label="Agents">
                  {targets.agents.map((a) => (
                    <option key={a.userId} value={`agent:${a.userId}`} disabled={a.activity === "Offline"}>
                      {a.name} — {a.activity}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {targets && targets.queues.length > 0 ? (
                <optgroup label="Queues">
                  {targets.queues.map((q) => (
                    <option key={q.key} value={`queue:${q.key}`}>
                      {q.name} queue
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </Select>
            <p className="mt-1 text-xs text-slate-500">The caller is on hold while the call moves. Offline agents cannot take transfers.</p>
          </div>
          {error ? (
            <p id="transfer-error" role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              Close
            </Button>
            <Button variant="secondary" disabled={!target || busy !== null} onClick={() => void submit("warm")}>
              {busy === "warm" ? "Calling…" : "Consult first"}
            </Button>
            <Button type="submit" disabled={!target || busy !== null}>
              {busy === "cold" ? "Transferring…" : "Transfer now"}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
