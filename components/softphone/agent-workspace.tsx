"use client";

import { DeviceProvider } from "@/components/providers/device-provider/device-provider";
import { WorkerProvider } from "@/components/providers/worker-provider/worker-provider";
import { ActivitySwitcher } from "./activity-switcher";
import { SoftphoneStatus } from "./softphone-status";
import { WorkQueue } from "./work-queue";
import type { DispositionOption } from "./wrapup-form";

export interface AgentWorkspaceProps {
  dispositions: DispositionOption[];
  /** Whether inbound / outbound calls are recorded (call-handling settings), for the indicator. */
  recording: { inbound: boolean; outbound: boolean };
}

/** The agent's softphone and task queue: one Voice Device and one TaskRouter Worker for the page. */
export function AgentWorkspace(props: AgentWorkspaceProps) {
  return (
    <DeviceProvider>
      <WorkerProvider>
        <WorkQueue {...props} header={(busyReason) => (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
            <ActivitySwitcher busyReason={busyReason} />
            <SoftphoneStatus />
          </div>
        )} />
      </WorkerProvider>
    </DeviceProvider>
  );
}
