import { CallBackButton } from "@/components/softphone/call-back-button";
import { EmptyState } from "@/components/ui/empty-state";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { formatAddress, formatDateTime, formatDuration } from "@/lib/format";
import { checkDialNumber } from "@/lib/phone/dial-number";
import type { RecentCall } from "@/lib/server/calls/list-recent-calls";

/** `callBack` adds click-to-call buttons; only inside the agent workspace (they use its dialer). */
export function RecentCallsTable({ calls, showAgent = false, timeZone, callBack = false }: { calls: RecentCall[]; showAgent?: boolean; timeZone?: string; callBack?: boolean }) {
  if (calls.length === 0) return <EmptyState title="No calls yet" />;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2">When</th>
            <th scope="col" className="px-3 py-2">Direction</th>
            <th scope="col" className="px-3 py-2">Customer</th>
            <th scope="col" className="px-3 py-2">Queue</th>
            {showAgent ? <th scope="col" className="px-3 py-2">Agent</th> : null}
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2 text-right">Duration</th>
            {callBack ? <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((call) => {
            const inbound = call.direction === "inbound";
            const customer = inbound ? call.from : call.to;
            return (
              <tr key={call.id}>
                <td className="whitespace-nowrap px-5 py-2 text-slate-600">{formatDateTime(call.startedAt, timeZone)}</td>
                <td className="px-3 py-2 text-slate-600">{inbound ? "Inbound" : "Outbound"}</td>
                <td className="px-3 py-2">
                  <div className="font-medium text-slate-900">{call.contactName ?? formatAddress(customer)}</div>
                  {call.contactName ? <div className="text-xs text-slate-500">{formatAddress(customer)}</div> : null}
                </td>
                <td className="px-3 py-2 text-slate-600">{call.queueName ?? "—"}</td>
                {showAgent ? <td className="px-3 py-2 text-slate-600">{call.agentName ?? "—"}</td> : null}
                <td className="px-3 py-2">
                  <OutcomeBadge outcome={call.outcome} />
                </td>
                <td className="px-3 py-2 text-right font-mono text-slate-700">{formatDuration(call.durationSeconds)}</td>
                {callBack ? <td className="px-3 py-2 text-right">{checkDialNumber(customer).ok ? <CallBackButton number={customer} /> : null}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
