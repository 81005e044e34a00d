import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatAddress } from "@/lib/format";
import type { AgentState, LiveAgent } from "@/lib/server/supervisor/live-snapshot";
import { AgentActivitySelect } from "./agent-activity-select";
import { Elapsed } from "./elapsed";

const TONE: Record<AgentState, BadgeTone> = { available: "success", busy: "info", wrapup: "warning", break: "neutral", offline: "neutral" };

export function AgentBoard({ agents, now }: { agents: LiveAgent[]; now: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="agent-board">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2">Agent</th>
            <th scope="col" className="px-3 py-2">Activity</th>
            <th scope="col" className="px-3 py-2 text-right">For</th>
            <th scope="col" className="px-3 py-2">Current call</th>
            <th scope="col" className="px-3 py-2 text-right">Talking</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Change activity</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {agents.map((a) => (
            <tr key={a.userId} data-testid={`agent-row-${a.username}`} data-user-id={a.userId}>
              <th scope="row" className="px-5 py-2 text-left font-medium">{a.name}</th>
              <td className="px-3 py-2">
                <Badge tone={TONE[a.state]} data-testid="agent-activity">{a.activity}</Badge>
                {a.call && a.state === "busy" && a.activity !== "Busy" ? <span className="ml-1 text-xs text-slate-500">on a call</span> : null}
              </td>
              <td className="px-3 py-2 text-right"><Elapsed since={a.activitySince} now={now} /></td>
              <td className="px-3 py-2" data-testid="agent-call">
                {a.call ? `${a.call.direction === "inbound" ? "From" : "To"} ${a.call.partyName ?? formatAddress(a.call.party)}` : <span className="text-slate-400">—</span>}
              </td>
              <td className="px-3 py-2 text-right">{a.call ? <Elapsed since={a.call.since} now={now} /> : null}</td>
              <td className="px-3 py-2 text-right">
                <AgentActivitySelect userId={a.userId} name={a.name} activity={a.activity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
