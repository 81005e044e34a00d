export function SegmentLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading {label}…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-40 animate-pulse rounded-lg bg-white ring-1 ring-slate-200" />
      <div className="h-64 animate-pulse rounded-lg bg-white ring-1 ring-slate-200" />
    </div>
  );
}
