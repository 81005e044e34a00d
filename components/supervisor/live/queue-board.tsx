import { formatPercent } from "@/lib/format";
import type { LiveQueue } from "@/lib/server/supervisor/live-snapshot";
import { Elapsed } from "./elapsed";

const TH = "px-3 py-2 text-right";

export function QueueBoard({ queues, now }: { queues: LiveQueue[]; now: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="queue-summary">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2">Queue</th>
            <th scope="col" className={TH}>Waiting</th>
            <th scope="col" className={TH}>Longest wait</th>
            <th scope="col" className={TH}>Available</th>
            <th scope="col" className={TH}>Busy</th>
            <th scope="col" className={TH}>Wrap-up</th>
            <th scope="col" className={TH}>Answered</th>
            <th scope="col" className={TH}>Abandoned</th>
            <th scope="col" className={TH}>Service level</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {queues.map((q) => (
            <tr key={q.queueId} data-testid={`queue-row-${q.key}`}>
              <th scope="row" className="px-5 py-2 text-left font-medium">{q.name}</th>
              <td className={`${TH} font-semibold ${q.waiting > 0 ? "text-amber-700" : ""}`} data-testid="queue-waiting">{q.waiting}</td>
              <td className={TH}><Elapsed since={q.oldestWaitingSince} now={now} /></td>
              <td className={TH} data-testid="queue-available">{q.agents.available}</td>
              <td className={TH} data-testid="queue-busy">{q.agents.busy}</td>
              <td className={TH}>{q.agents.wrapup}</td>
              <td className={TH}>{q.answered}</td>
              <td className={TH}>{q.abandoned}</td>
              <td className={TH} title={`Answered within ${q.slaThresholdSeconds} s`}>{formatPercent(q.serviceLevel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
