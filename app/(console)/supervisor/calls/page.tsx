import type { Metadata } from "next";
import Link from "next/link";
import { CallLogFilters } from "@/components/supervisor/call-log-filters";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { formatAddress, formatDateTime, formatDuration } from "@/lib/format";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { searchCalls } from "@/lib/server/calls/search-calls";
import { listFilterOptions } from "@/lib/server/reports/list-filter-options";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { callLogFiltersSchema, searchParamsToRecord } from "@/lib/validations/call-log";

export const metadata: Metadata = { title: "Call log" };

function withParams(base: Record<string, string>, extra: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

export default async function CallLogPage({ searchParams }: PageProps<"/supervisor/calls">) {
  await requireRole(SUPERVISOR_ROLES);
  const raw = searchParamsToRecord(await searchParams);
  const parsed = callLogFiltersSchema.safeParse(raw);
  const timeZone = await getBusinessTimezone();
  const options = await listFilterOptions();
  const { cursor: _cursor, ...filterValues } = raw;

  const result = parsed.success ? await searchCalls(parsed.data, timeZone) : null;
  const exportHref = `/api/supervisor/calls/export?${withParams(filterValues, {})}`;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Call log"
          description={`Newest first. Times in ${timeZone}.`}
          actions={
            <a href={exportHref} className="inline-flex h-8 items-center rounded-md bg-white px-3 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50" download>
              Export CSV
            </a>
          }
        />
        <CallLogFilters values={raw} queues={options.queues} agents={options.agents} />
        {!parsed.success ? (
          <p role="alert" className="mx-5 mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {parsed.error.issues[0]?.message}
          </p>
        ) : null}
        {result && result.rows.length === 0 ? <EmptyState title="No calls match these filters" /> : null}
        {result && result.rows.length > 0 ? (
          <div className="overflow-x-auto border-t border-slate-100">
            <table className="min-w-full text-sm" data-testid="call-log">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2">Started</th>
                  <th scope="col" className="px-3 py-2">Direction</th>
                  <th scope="col" className="px-3 py-2">Customer</th>
                  <th scope="col" className="px-3 py-2">Queue</th>
                  <th scope="col" className="px-3 py-2">Agent</th>
                  <th scope="col" className="px-3 py-2">Outcome</th>
                  <th scope="col" className="px-3 py-2 text-right">Wait</th>
                  <th scope="col" className="px-3 py-2 text-right">Duration</th>
                  <th scope="col" className="px-5 py-2"><span className="sr-only">Details</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.rows.map((r) => {
                  const inbound = r.direction === "inbound";
                  const customer = inbound ? r.from : r.to;
                  return (
                    <tr key={r.id} className="hover:bg-slate-50">
                      <td className="whitespace-nowrap px-5 py-2 text-slate-600">{formatDateTime(r.startedAt, timeZone)}</td>
                      <td className="px-3 py-2 text-slate-600">{inbound ? "Inbound" : "Outbound"}</td>
                      <td className="px-3 py-2">
                        <div className="font-medium text-slate-900">{r.contactName ?? formatAddress(customer)}</div>
                        {r.contactName ? <div className="text-xs text-slate-500">{formatAddress(customer)}</div> : null}
                      </td>
                      <td className="px-3 py-2 text-slate-600">{r.queueName ?? "—"}</td>
                      <td className="px-3 py-2 text-slate-600">{r.agentName ?? "—"}</td>
                      <td className="px-3 py-2"><OutcomeBadge outcome={r.outcome} /></td>
                      <td className="px-3 py-2 text-right font-mono text-slate-700">{formatDuration(r.queueSeconds)}</td>
                      <td className="px-3 py-2 text-right font-mono text-slate-700">{formatDuration(r.durationSeconds)}</td>
                      <td className="px-5 py-2 text-right">
                        <Link href={`/supervisor/calls/${r.id}`} className="text-sm font-medium text-brand-600 hover:underline">
                          Details<span className="sr-only"> of the call at {formatDateTime(r.startedAt, timeZone)}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {result ? (
          <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm">
            {raw.cursor ? (
              <Link href={`?${withParams(filterValues, {})}`} className="font-medium text-brand-600 hover:underline">Newest</Link>
            ) : <span />}
            {result.nextCursor ? (
              <Link href={`?${withParams(filterValues, { cursor: result.nextCursor })}`} className="font-medium text-brand-600 hover:underline">
                Older calls →
              </Link>
            ) : <span className="text-slate-400">End of the log</span>}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
