"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useMicrophoneLevel } from "@/lib/hooks/use-microphone-level";

/** Start / stop a level test of the chosen microphone, with a meter and a verdict. */
export function MicrophoneTest({ deviceId }: { deviceId: string }) {
  const [run, setRun] = useState<number | null>(null);
  const { level, heard, silent, error } = useMicrophoneLevel(deviceId, run);
  const percent = Math.round(level * 100);
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <Button variant="secondary" size="sm" aria-pressed={run !== null} onClick={() => setRun((r) => (r === null ? Date.now() : null))}>
          {run === null ? "Test microphone" : "Stop test"}
        </Button>
        <div
          role="meter"
          aria-label="Microphone level"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-testid="microphone-level"
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200"
        >
          <div className={`h-full transition-[width] duration-100 ${heard ? "bg-emerald-500" : "bg-slate-400"}`} style={{ width: `${percent}%` }} />
        </div>
      </div>
      <p role="status" aria-live="polite" className="text-sm" data-testid="microphone-verdict">
        {error ? (
          <span className="text-red-700">{error}</span>
        ) : run === null ? null : silent ? (
          <span className="text-amber-800">No sound from this microphone. Check it is not muted, or pick another one.</span>
        ) : heard ? (
          <span className="text-emerald-700">We hear you.</span>
        ) : (
          <span className="text-slate-600">Listening… say something.</span>
        )}
      </p>
    </div>
  );
}
