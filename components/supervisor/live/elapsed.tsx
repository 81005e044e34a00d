import { formatDuration } from "@/lib/format";

/** "m:ss" since an ISO time, against the server-corrected clock the dashboard ticks with. */
export function Elapsed({ since, now, testId }: { since: string | null; now: number; testId?: string }) {
  if (!since) return <span className="text-slate-400">—</span>;
  return (
    <span className="font-mono tabular-nums" data-testid={testId}>
      {formatDuration((now - Date.parse(since)) / 1000)}
    </span>
  );
}
