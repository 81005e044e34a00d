"use client";

import type { SoftphoneCall } from "@/components/providers/device-provider/types";
import { useCallQuality } from "@/lib/hooks/use-call-quality";

/**
 * A quiet line under the call header while the SDK reports a quality problem (jitter, packet
 * loss, low MOS, delay, a silent microphone); nothing when the call is fine.
 */
export function CallQuality({ call }: { call: SoftphoneCall | null }) {
  const { warnings, mos } = useCallQuality(call);
  return (
    <div role="status" aria-live="polite" data-testid="call-quality">
      {warnings.length > 0 ? (
        <div className="mt-2 flex flex-wrap items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="font-medium">
            <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full bg-amber-500" />
            {warnings.map((w) => w.label).join(" · ")}
          </span>
          <span className="text-amber-800">
            {warnings.map((w) => w.message).join(" ")}
            {mos !== null ? <span className="ml-1 text-amber-700">(quality score {mos.toFixed(1)} of 5)</span> : null}
          </span>
        </div>
      ) : null}
    </div>
  );
}
