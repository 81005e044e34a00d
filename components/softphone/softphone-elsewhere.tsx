"use client";

import { Button } from "@/components/ui/button";
import type { SoftphoneLockState } from "@/lib/client/softphone-lock";

/** Shown instead of the softphone when another tab of this agent owns it. */
export function SoftphoneElsewhere({ state, onTakeOver }: { state: SoftphoneLockState; onTakeOver(): void }) {
  const takenOver = state === "taken-over";
  return (
    <section
      aria-labelledby="softphone-elsewhere-title"
      data-testid="softphone-elsewhere"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 px-4 py-3 ring-1 ring-amber-200"
    >
      <div>
        <h2 id="softphone-elsewhere-title" className="font-semibold text-amber-900">
          {takenOver ? "Your softphone was taken over by another tab" : "Your softphone is active in another tab"}
        </h2>
        <p className="text-sm text-amber-900">
          {takenOver
            ? "This tab no longer receives calls or tasks."
            : "Calls and tasks go to that tab. Use this tab instead to move them here; a call in the other tab would be dropped."}
        </p>
      </div>
      <Button onClick={onTakeOver}>Use here</Button>
    </section>
  );
}
