"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatAddress } from "@/lib/format";
import type { LiveCall } from "@/lib/server/supervisor/live-snapshot";
import { Elapsed } from "./elapsed";
import { useSupervisorAudio, type SuperviseMode } from "./supervisor-audio";

const STATE_LABEL = { ivr: "In IVR", waiting: "Waiting", talking: "Talking" } as const;
const MODES: { mode: SuperviseMode; label: string; hint: string }[] = [
  { mode: "monitor", label: "Monitor", hint: "Listen only" },
  { mode: "whisper", label: "Whisper", hint: "Only the agent hears you" },
  { mode: "barge", label: "Barge", hint: "Everyone hears you" },
];

export function LiveCalls({ calls, now }: { calls: LiveCall[]; now: number }) {
  const audio = useSupervisorAudio();
  if (calls.length === 0) return <p className="px-5 py-6 text-sm text-slate-500">No calls in progress.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="live-calls">
      {calls.map((c) => {
        const mine = audio.active?.taskSid === c.taskSid && c.taskSid !== null;
        const party = c.partyName ?? formatAddress(c.party);
        return (
          <li key={c.callSid} className="flex flex-wrap items-center gap-3 px-5 py-3 text-sm" data-testid={`live-call-${c.callSid}`}>
            <Badge tone={c.state === "waiting" ? "warning" : c.state === "talking" ? "info" : "neutral"}>{STATE_LABEL[c.state]}</Badge>
            <span className="font-medium text-slate-900">{c.direction === "inbound" ? "From" : "To"} {party}</span>
            <span className="text-slate-500">
              {c.queueName ?? "No queue"}
              {c.agentName ? ` · ${c.agentName}` : ""}
            </span>
            <Elapsed since={c.stateSince} now={now} testId="live-call-timer" />
            {c.state === "talking" && c.taskSid ? (
              <span className="ml-auto inline-flex items-center gap-1">
                {MODES.map(({ mode, label, hint }) => (
                  <Button
                    key={mode}
                    size="sm"
                    variant={mine && audio.active?.mode === mode ? "primary" : "secondary"}
                    title={hint}
                    aria-pressed={mine && audio.active?.mode === mode}
                    disabled={audio.pending}
                    onClick={() => void audio.supervise(c.taskSid!, mode)}
                  >
                    {label}
                  </Button>
                ))}
                {mine ? (
                  <Button size="sm" variant="danger" disabled={audio.pending} onClick={() => void audio.leave()}>
                    Leave
                  </Button>
                ) : null}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
