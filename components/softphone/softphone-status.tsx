"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { useSoftphone } from "@/lib/hooks/use-softphone";
import { useWorkerContext } from "@/components/providers/worker-provider/worker-context";

const PHONE: Record<string, [string, BadgeTone]> = {
  starting: ["Starting", "neutral"],
  registering: ["Connecting", "warning"],
  registered: ["Ready", "success"],
  unregistered: ["Not connected", "danger"],
  failed: ["Failed", "danger"],
};

/** Softphone registration and TaskRouter connection at a glance, with the last error in words. */
export function SoftphoneStatus() {
  const phone = useSoftphone();
  const worker = useWorkerContext();
  const [label, tone] = PHONE[phone.status] ?? ["Unknown", "neutral"];
  return (
    <div className="flex flex-col items-end gap-1 text-sm">
      <div className="flex items-center gap-2">
        <span className="text-slate-500">Softphone</span>
        <Badge tone={tone} data-testid="softphone-status">
          {label}
        </Badge>
        <span className="text-slate-500">Tasks</span>
        <Badge tone={worker.status === "ready" ? "success" : worker.status === "connecting" ? "warning" : "danger"} data-testid="worker-status">
          {worker.status === "ready" ? "Connected" : worker.status === "connecting" ? "Connecting" : worker.status === "disconnected" ? "Reconnecting" : "Failed"}
        </Badge>
      </div>
      {phone.error || worker.error ? (
        <p role="alert" className="max-w-md text-right text-red-700">
          {phone.error ?? worker.error}
        </p>
      ) : null}
    </div>
  );
}
