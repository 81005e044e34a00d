import type { Metadata } from "next";
import { KpiTile } from "@/components/supervisor/kpi-tile";
import { VolumeChart, type VolumeDatum } from "@/components/supervisor/volume-chart";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatDuration, formatPercent } from "@/lib/format";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { resolveRange } from "@/lib/server/reports/date-range";
import { getReport, type VolumePoint } from "@/lib/server/reports/get-report";
import { listFilterOptions } from "@/lib/server/reports/list-filter-options";
import { resolveQueueId } from "@/lib/server/reports/resolve-queue";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { reportRangeSchema, searchParamsToRecord } from "@/lib/validations/call-log";

export const metadata: Metadata = { title: "Reports" };

function toChart(points: VolumePoint[], label: (bucket: string) => string): VolumeDatum[] {
  return points.map((p) => ({
    label: label(p.bucket),
    answered: p.answered,
    abandoned: p.abandoned,
    other: Math.max(0, p.inbound - p.answered - p.abandoned),
    outbound: p.outbound,
  }));
}

const dayLabel = (key: string) =>
  new Date(`${key}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });

export default async function ReportsPage({ searchParams }: PageProps<"/supervisor/reports">) {
  await requireRole(SUPERVISOR_ROLES);
  const raw = searchParamsToRecord(await searchParams);
  const parsed = reportRangeSchema.safeParse(raw);
  const input = parsed.success ? parsed.data : {};
  const timeZone = await getBusinessTimezone();
  const range = resolveRange(input, timeZone);
  const { queues } = await listFilterOptions();
  const report = await getReport(range, await resolveQueueId(input.queue).catch(() => undefined));
  const t = report.totals;
  const qs = new URLSearchParams({ from: range.fromDate, to: range.toDate, ...(input.queue ? { queue: input.queue } : {}) });
  const csv = (section: string) => `/api/supervisor/reports/export?${qs.toString()}&section=${section}`;
  const linkClass = "text-sm font-medium text-brand-600 hover:underline";

  return (
    <div className="space-y-6">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Report period">
        <div className="space-y-1">
          <Label htmlFor="from">From</Label>
          <Input id="from" name="from" type="date" defaultValue={range.fromDate} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="to">To</Label>
          <Input id="to" name="to" type="date" defaultValue={range.toDate} />
        </div>
        <div className="w-48 space-y-1">
          <Label htmlFor="queue">Queue</Label>
          <Select id="queue" name="queue" defaultValue={input.queue ?? ""}>
            <option value="">All queues</option>
            {queues.map((q) => <option key={q.key} value={q.key}>{q.name}</option>)}
          </Select>
        </div>
        <Button type="submit">Show</Button>
        <a href={csv("summary")} className={`${linkClass} ml-auto`} download>Export summary CSV</a>
      </form>
      {!parsed.success ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{parsed.error.issues[0]?.message}</p>
      ) : null}

      <section aria-label="Key figures" className="grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-7">
        <KpiTile label="Offered" value={String(t.offered)} hint={`${range.days} day(s)`} testId="kpi-offered" />
        <KpiTile label="Answered" value={String(t.answered)} testId="kpi-answered" />
        <KpiTile label="Abandoned" value={formatPercent(t.abandonmentRate)} hint={`${t.abandoned} calls`} testId="kpi-abandoned" />
        <KpiTile label="Service level" value={formatPercent(t.serviceLevel)} hint="answered within threshold" testId="kpi-sla" />
        <KpiTile label="Avg speed of answer" value={formatDuration(t.averageSpeedOfAnswer)} testId="kpi-asa" />
        <KpiTile label="Avg handle time" value={formatDuration(t.averageHandle)} hint={`talk ${formatDuration(t.averageTalk)} + wrap ${formatDuration(t.averageWrap)}`} testId="kpi-aht" />
        <KpiTile label="Voicemail / callbacks" value={`${t.voicemails} / ${t.callbacks}`} hint={`${t.outbound} outbound`} />
      </section>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title="Volume by hour of day" description={`Business time (${timeZone}).`} actions={<a href={csv("hourly")} className={linkClass} download>CSV</a>} />
          <div className="px-3 py-4"><VolumeChart title="Volume by hour" data={toChart(report.byHour, (h) => `${h.padStart(2, "0")}h`)} /></div>
        </Card>
        <Card>
          <CardHeader title="Volume by day" actions={<a href={csv("daily")} className={linkClass} download>CSV</a>} />
          <div className="px-3 py-4"><VolumeChart title="Volume by day" data={toChart(report.byDay, dayLabel)} /></div>
        </Card>
      </div>

      <Card>
        <CardHeader title="Queues" actions={<a href={csv("queues")} className={linkClass} download>CSV</a>} />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="report-queues">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Queue</th>
                <th scope="col" className="px-3 py-2 text-right">Offered</th>
                <th scope="col" className="px-3 py-2 text-right">Answered</th>
                <th scope="col" className="px-3 py-2 text-right">Abandoned</th>
                <th scope="col" className="px-3 py-2 text-right">Service level</th>
                <th scope="col" className="px-3 py-2 text-right">ASA</th>
                <th scope="col" className="px-5 py-2 text-right">Avg talk</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.queues.map((q) => (
                <tr key={q.queueId}>
                  <th scope="row" className="px-5 py-2 text-left font-medium">{q.name}</th>
                  <td className="px-3 py-2 text-right tabular-nums">{q.offered}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{q.answered}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{q.abandoned}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatPercent(q.serviceLevel)}</td>
                  <td className="px-3 py-2 text-right font-mono">{formatDuration(q.averageSpeedOfAnswer)}</td>
                  <td className="px-5 py-2 text-right font-mono">{formatDuration(q.averageHandle)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card>
        <CardHeader title="Agents" description="Occupancy = time on calls and in wrap-up ÷ time signed in (not offline, not on break)." actions={<a href={csv("agents")} className={linkClass} download>CSV</a>} />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="report-agents">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Agent</th>
                <th scope="col" className="px-3 py-2 text-right">Handled</th>
                <th scope="col" className="px-3 py-2 text-right">In / out</th>
                <th scope="col" className="px-3 py-2 text-right">AHT</th>
                <th scope="col" className="px-3 py-2 text-right">Occupancy</th>
                <th scope="col" className="px-5 py-2">Outcomes</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.agents.map((a) => (
                <tr key={a.userId}>
                  <th scope="row" className="px-5 py-2 text-left font-medium">{a.name}</th>
                  <td className="px-3 py-2 text-right tabular-nums">{a.handled}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{a.inbound} / {a.outbound}</td>
                  <td className="px-3 py-2 text-right font-mono">{formatDuration(a.averageHandle)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatPercent(a.occupancy)}</td>
                  <td className="px-5 py-2 text-slate-600">
                    {Object.entries(a.dispositions).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`).join(" · ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
