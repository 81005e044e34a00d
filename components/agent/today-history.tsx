import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { formatAddress, formatDuration, formatTime } from "@/lib/format";
import type { AgentDay } from "@/lib/server/calls/list-agent-today";

interface TodayHistoryProps {
  day: AgentDay;
  timeZone?: string;
  /** Shows the contact panel for a number. */
  onSelect(phone: string): void;
  /** Click-to-call for a customer number (the workspace's dialer). */
  callAction(phone: string): ReactNode;
}

function Total({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const isPhone = (address: string) => /^\+[1-9]\d{6,14}$/.test(address);

/** The calls the agent handled today (business time zone) with outcome and wrap-up, and the day's totals. */
export function TodayHistory({ day, timeZone, onSelect, callAction }: TodayHistoryProps) {
  return (
    <div>
      <dl className="grid grid-cols-3 gap-4 border-b border-slate-100 px-5 py-3" aria-label="Today's totals">
        <Total label="Calls" value={String(day.totals.calls)} testId="today-calls" />
        <Total label="Answered" value={String(day.totals.answered)} testId="today-answered" />
        <Total label="Talk time" value={formatDuration(day.totals.talkSeconds)} testId="today-talk" />
      </dl>
      {day.calls.length === 0 ? (
        <EmptyState title="No calls yet today" />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="today-history">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Time</th>
                <th scope="col" className="px-3 py-2">Customer</th>
                <th scope="col" className="px-3 py-2">Outcome</th>
                <th scope="col" className="px-3 py-2">Disposition</th>
                <th scope="col" className="px-3 py-2 text-right">Duration</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {day.calls.map((call) => {
                const phone = isPhone(call.customer);
                return (
                  <tr key={call.id}>
                    <td className="whitespace-nowrap px-5 py-2 text-slate-600">
                      {formatTime(call.startedAt, timeZone)} <span className="text-xs text-slate-500">{call.direction === "inbound" ? "in" : "out"}</span>
                    </td>
                    <td className="px-3 py-2">
                      {phone ? (
                        <button type="button" onClick={() => onSelect(call.customer)} className="text-left hover:underline">
                          {/* The accessible name starts with the visible text (axe: label-content-name-mismatch). */}
                          <span className="block font-medium text-slate-900">
                            {call.contactName ?? formatAddress(call.customer)}
                            <span className="sr-only">: show contact</span>
                          </span>
                          {call.contactName ? <span className="block text-xs text-slate-500">{formatAddress(call.customer)}</span> : null}
                        </button>
                      ) : (
                        <span className="font-medium text-slate-900">{formatAddress(call.customer)}</span>
                      )}
                    </td>
                    <td className="px-3 py-2"><OutcomeBadge outcome={call.outcome} /></td>
                    <td className="px-3 py-2">{call.disposition ? <Badge tone="info">{call.disposition}</Badge> : <span className="text-slate-500">—</span>}</td>
                    <td className="px-3 py-2 text-right font-mono text-slate-700">{formatDuration(call.durationSeconds)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      <span className="inline-flex items-center gap-2">
                        {phone ? callAction(call.customer) : null}
                        <Link href={`/agent/calls/${call.id}`} className="text-brand-600 hover:underline" aria-label={`Details of the call at ${formatTime(call.startedAt, timeZone)}`}>
                          Details
                        </Link>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {day.truncated ? <p className="px-5 py-2 text-xs text-slate-500">Showing the latest {day.calls.length} calls; the totals count all of today&apos;s.</p> : null}
        </div>
      )}
    </div>
  );
}
