"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { LiveSnapshot } from "@/lib/server/supervisor/live-snapshot";
import { AgentBoard } from "./agent-board";
import { LiveCalls } from "./live-calls";
import { QueueBoard } from "./queue-board";
import { SupervisorAudioProvider, useSupervisorAudio } from "./supervisor-audio";
import { useLiveSnapshot, useServerNow, type LiveStatus } from "./use-live-snapshot";

const STATUS_TONE = { connecting: "neutral", live: "success", reconnecting: "warning" } as const;
const STATUS_LABEL: Record<LiveStatus, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" };

function SuperviseStatus() {
  const { active, error } = useSupervisorAudio();
  if (error) return <p role="alert" className="px-5 pt-3 text-sm text-red-600">{error}</p>;
  if (!active) return null;
  return (
    <p className="px-5 pt-3 text-sm text-slate-700" data-testid="supervise-status">
      {active.connected ? `You are on the call (${active.mode}).` : `Joining the call (${active.mode})…`}
    </p>
  );
}

/** The supervisor live view: queues, agents and calls, kept current over SSE. */
export function LiveDashboard({ initial, timeZoneLabel }: { initial: LiveSnapshot; timeZoneLabel: string }) {
  const { snapshot, status, skewMs } = useLiveSnapshot(initial);
  const now = useServerNow(skewMs);
  const live = <Badge tone={STATUS_TONE[status]} data-testid="live-status">{STATUS_LABEL[status]}</Badge>;
  return (
    <SupervisorAudioProvider>
      <div className="space-y-6">
        <Card>
          <CardHeader title="Queues now" description={`Waiting right now; answered, abandoned and service level since ${timeZoneLabel}.`} actions={live} />
          <QueueBoard queues={snapshot.queues} now={now} />
        </Card>
        <Card>
          <CardHeader title="Live calls" description="Monitor listens only; whisper coaches the agent; barge joins the conversation." />
          <SuperviseStatus />
          <LiveCalls calls={snapshot.calls} now={now} />
        </Card>
        <Card>
          <CardHeader title="Agents" />
          <AgentBoard agents={snapshot.agents} now={now} />
        </Card>
      </div>
    </SupervisorAudioProvider>
  );
}
