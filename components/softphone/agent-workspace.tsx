"use client";

import { DeviceProvider } from "@/components/providers/device-provider/device-provider";
import { WorkerProvider } from "@/components/providers/worker-provider/worker-provider";
import type { ReactNode } from "react";
import { useSoftphoneLock } from "@/lib/hooks/use-softphone-lock";
import { ActivitySwitcher } from "./activity-switcher";
import { AudioSettings } from "./audio-settings";
import { Dialer } from "./dialer";
import { DialerProvider } from "./dialer-context";
import { SoftphoneElsewhere } from "./softphone-elsewhere";
import { ShortcutHelp } from "./shortcut-help";
import { SoftphoneStatus } from "./softphone-status";
import { WorkQueue } from "./work-queue";
import type { DispositionOption } from "./wrapup-form";

export interface AgentWorkspaceProps {
  dispositions: DispositionOption[];
  /** Whether inbound / outbound calls are recorded (call-handling settings), for the indicator. */
  recording: { inbound: boolean; outbound: boolean };
}

interface AgentWorkspaceLayoutProps extends AgentWorkspaceProps {
  /** The signed-in user: one tab per user owns the softphone. */
  userId: string;
  /** Rendered below the queue, inside the dialer's reach (the recent-calls table's click-to-call). */
  children?: ReactNode;
}

/**
 * The agent's softphone and task queue: one Voice Device and one TaskRouter Worker, in the one tab
 * of this agent that holds the softphone lock.
 */
export function AgentWorkspace({ children, userId, ...props }: AgentWorkspaceLayoutProps) {
  const lock = useSoftphoneLock(userId);
  const active = lock.state === "active";
  return (
    <DeviceProvider enabled={active}>
      <WorkerProvider enabled={active}>
        <DialerProvider>
          <div className="space-y-6">
            {active ? (
              <>
                <WorkQueue
                  {...props}
                  header={(busyReason) => (
                    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
                      <ActivitySwitcher busyReason={busyReason} />
                      <div className="flex items-start gap-3">
                        <SoftphoneStatus />
                        <AudioSettings />
                      </div>
                    </div>
                  )}
                />
                <Dialer />
                <div className="flex justify-end">
                  <ShortcutHelp />
                </div>
              </>
            ) : lock.state === "checking" ? null : (
              <SoftphoneElsewhere state={lock.state} onTakeOver={lock.takeOver} />
            )}
            {children}
          </div>
        </DialerProvider>
      </WorkerProvider>
    </DeviceProvider>
  );
}
