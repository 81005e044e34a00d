"use client";

import { Button } from "@/components/ui/button";

export function SegmentError({ label, error, reset }: { label: string; error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 ring-1 ring-red-200">
      <h2 className="text-base font-semibold text-red-700">The {label} could not be loaded</h2>
      <p className="mt-1 text-sm text-slate-600">
        Something went wrong on our side. Try again; if it keeps happening, tell an administrator
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
