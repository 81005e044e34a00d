"use client";
/** The sandbox clock (advance it to fire ring, reservation and wrap-up timeouts) and reset. */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { SandboxBoard } from "@/lib/server/sandbox/get-sandbox-board";
import { postJsonForError as postJson } from "@/lib/client/post-json";

const STEPS = [
  { label: "+10 s", ms: 10_000 },
  { label: "+30 s", ms: 30_000 },
  { label: "+1 min", ms: 60_000 },
  { label: "+5 min", ms: 300_000 },
];

export function ClockControls({ clock, onChanged }: { clock: SandboxBoard["clock"]; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function act(path: string, body: unknown, done: string) {
    setBusy(true);
    const failure = await postJson(path, body);
    setBusy(false);
    setMessage(failure ?? done);
    onChanged();
  }

  return (
    <Card aria-label="Clock">
      <CardHeader title="Clock" description={`${clock.iso.replace("T", " ").slice(0, 19)} UTC · ${clock.mode} · ${clock.pendingTimers} timers pending`} />
      <CardBody className="flex flex-wrap items-center gap-2">
        {STEPS.map((step) => (
          <Button key={step.ms} variant="secondary" size="sm" disabled={busy} aria-label={`Advance the clock ${step.label.slice(1)}`} onClick={() => act("/api/sandbox/clock", { advanceMs: step.ms }, `Advanced ${step.label.slice(1)}.`)}>
            {step.label}
          </Button>
        ))}
        <Button
          variant="danger"
          size="sm"
          disabled={busy}
          onClick={() => {
            if (window.confirm("Reset the sandbox? Live calls, tasks, messages and the webhook log are dropped; the app's workspace is provisioned again.")) {
              void act("/api/sandbox/reset", {}, "The sandbox was reset and provisioned again.");
            }
          }}
        >
          Reset sandbox
        </Button>
        {message ? (
          <p role="status" className="w-full text-sm text-slate-600">
            {message}
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
