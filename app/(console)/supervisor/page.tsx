import type { Metadata } from "next";
import { RecentCallsTable } from "@/components/calls/recent-calls-table";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDuration, formatPercent, formatTime } from "@/lib/format";
import { listRecentCalls } from "@/lib/server/calls/list-recent-calls";
import { getQueueSummary } from "@/lib/server/reports/get-queue-summary";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Supervisor" };

export default async function SupervisorPage() {
  await requireRole(SUPERVISOR_ROLES);
  const [{ since, queues }, calls, timeZone] = await Promise.all([getQueueSummary(), listRecentCalls({ limit: 15 }), getBusinessTimezone()]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Queues today" description={`Since ${formatTime(since, timeZone)} (${timeZone}).`} />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="queue-summary">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Queue</th>
                <th scope="col" className="px-3 py-2 text-right">Offered</th>
                <th scope="col" className="px-3 py-2 text-right">Answered</th>
                <th scope="col" className="px-3 py-2 text-right">Abandoned</th>
                <th scope="col" className="px-3 py-2 text-right">Service level</th>
                <th scope="col" className="px-3 py-2 text-right">Avg wait</th>
                <th scope="col" className="px-3 py-2 text-right">Avg handle</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queues.map((q) => (
                <tr key={q.queueId}>
                  <th scope="row" className="px-5 py-2 text-left font-medium">{q.name}</th>
                  <td className="px-3 py-2 text-right">{q.offered}</td>
                  <td className="px-3 py-2 text-right">{q.answered}</td>
                  <td className="px-3 py-2 text-right">{q.abandoned}</td>
                  <td className="px-3 py-2 text-right">{formatPercent(q.serviceLevel)}</td>
                  <td className="px-3 py-2 text-right font-mono">{formatDuration(q.averageWaitSeconds)}</td>
                  <td className="px-3 py-2 text-right font-mono">{formatDuration(q.averageHandleSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card>
        <CardHeader title="Latest calls" />
        <RecentCallsTable calls={calls} showAgent timeZone={timeZone} />
      </Card>
    </div>
  );
}
