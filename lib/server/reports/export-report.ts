import "server-only";
import { toCsv } from "./csv";
import type { Report } from "./get-report";

export const REPORT_SECTIONS = ["summary", "hourly", "daily", "queues", "agents"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

const round = (v: number | null, digits = 1) => (v == null ? null : Number(v.toFixed(digits)));
const pct = (v: number | null) => (v == null ? null : Number((v * 100).toFixed(1)));

export function reportToCsv(report: Report, section: ReportSection): string {
  switch (section) {
    case "summary": {
      const t = report.totals;
      const rows: [string, string | number | null][] = [
        ["From", report.range.fromDate], ["To", report.range.toDate], ["Time zone", report.range.timeZone],
        ["Offered", t.offered], ["Answered", t.answered], ["Abandoned", t.abandoned], ["Abandonment rate %", pct(t.abandonmentRate)],
        ["Service level %", pct(t.serviceLevel)], ["Average speed of answer (s)", round(t.averageSpeedOfAnswer)],
        ["Average talk (s)", round(t.averageTalk)], ["Average wrap-up (s)", round(t.averageWrap)], ["Average handle time (s)", round(t.averageHandle)],
        ["Voicemails", t.voicemails], ["Callback requests", t.callbacks], ["Outbound calls", t.outbound],
      ];
      return toCsv(rows, [{ header: "Metric", value: (r) => r[0] }, { header: "Value", value: (r) => r[1] }]);
    }
    case "hourly":
    case "daily":
      return toCsv(section === "hourly" ? report.byHour : report.byDay, [
        { header: section === "hourly" ? "Hour" : "Date", value: (r) => r.bucket },
        { header: "Inbound", value: (r) => r.inbound }, { header: "Answered", value: (r) => r.answered },
        { header: "Abandoned", value: (r) => r.abandoned }, { header: "Outbound", value: (r) => r.outbound },
      ]);
    case "queues":
      return toCsv(report.queues, [
        { header: "Queue", value: (r) => r.name }, { header: "Offered", value: (r) => r.offered },
        { header: "Answered", value: (r) => r.answered }, { header: "Abandoned", value: (r) => r.abandoned },
        { header: "Service level %", value: (r) => pct(r.serviceLevel) }, { header: "ASA (s)", value: (r) => round(r.averageSpeedOfAnswer) },
        { header: "Average talk (s)", value: (r) => round(r.averageHandle) },
      ]);
    case "agents":
      return toCsv(report.agents, [
        { header: "Agent", value: (r) => r.name }, { header: "Handled", value: (r) => r.handled },
        { header: "Inbound", value: (r) => r.inbound }, { header: "Outbound", value: (r) => r.outbound },
        { header: "AHT (s)", value: (r) => round(r.averageHandle) }, { header: "Occupancy %", value: (r) => pct(r.occupancy) },
        { header: "Signed in (h)", value: (r) => round(r.signedInSeconds / 3600, 2) },
        { header: "Dispositions", value: (r) => Object.entries(r.dispositions).map(([k, v]) => `${k}: ${v}`).join("; ") },
      ]);
  }
}
