"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CallBackButton } from "@/components/softphone/call-back-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatAddress } from "@/lib/format";
import { useActiveCalls } from "@/lib/hooks/use-active-calls";
import { useReservations } from "@/lib/hooks/use-reservations";
import type { AgentDay } from "@/lib/server/calls/list-agent-today";
import { ContactPanel } from "./contact-panel";
import { currentWork, type WorkState } from "./current-work";
import { TodayHistory } from "./today-history";

const STATE_LABEL: Record<WorkState, string> = { offered: "Offered", live: "Live", wrapping: "Wrap-up" };
const REASON: Record<WorkState, string> = { offered: "Offered call", live: "On call", wrapping: "Wrapping up" };

/**
 * "My work": what the agent holds now, today's calls with their outcomes, and the contact panel
 * for the current caller (or a number picked from the history). Lives inside the workspace's
 * providers, so it reads the Worker and Device and uses the dialer for click-to-call.
 */
export function MyWork({ day, timeZone }: { day: AgentDay; timeZone?: string }) {
  const router = useRouter();
  const reservations = useReservations();
  const { all: calls } = useActiveCalls();
  const work = currentWork(reservations, calls);
  const current = work.find((w) => w.phone !== null) ?? null;
  const workKey = work.map((w) => `${w.key}:${w.state}`).join(",");

  // A number picked from the history stays until the agent closes it or new work arrives.
  const [picked, setPicked] = useState<{ phone: string; during: string } | null>(null);
  const shownPick = picked && picked.during === (current?.key ?? "") ? picked.phone : null;
  const focus = shownPick ? { phone: shownPick, reason: "Selected" } : current?.phone ? { phone: current.phone, reason: REASON[current.state] } : null;

  // When a task leaves the list (completed after wrap-up), today's history on the server changed.
  const previousKeys = useRef<string[]>([]);
  useEffect(() => {
    const keys = work.map((w) => w.key);
    const finished = previousKeys.current.some((k) => !keys.includes(k));
    previousKeys.current = keys;
    if (finished) router.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `workKey` stands for `work`.
  }, [workKey, router]);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]" data-testid="my-work">
      <Card className="self-start">
        <CardHeader title="My work" description="What you hold now, and the calls you handled today." />
        {work.length > 0 ? (
          <ul className="divide-y divide-slate-100 border-b border-slate-100" aria-label="Current tasks" data-testid="current-tasks">
            {work.map((w) => (
              <li key={w.key} className="flex items-center gap-3 px-5 py-2 text-sm">
                <Badge tone={w.state === "live" ? "success" : w.state === "offered" ? "warning" : "neutral"}>{STATE_LABEL[w.state]}</Badge>
                <span className="text-slate-600">{w.type}</span>
                <span className="font-medium text-slate-900">{w.phone ? formatAddress(w.phone) : "—"}</span>
                {w.phone ? (
                  <button type="button" className="ml-auto text-brand-600 hover:underline" onClick={() => setPicked(w.phone ? { phone: w.phone, during: current?.key ?? "" } : null)}>
                    Contact
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <TodayHistory
          day={day}
          timeZone={timeZone}
          onSelect={(phone) => setPicked({ phone, during: current?.key ?? "" })}
          callAction={(phone) => <CallBackButton number={phone} />}
        />
      </Card>
      {focus ? (
        <ContactPanel
          key={focus.phone}
          phone={focus.phone}
          reason={focus.reason}
          timeZone={timeZone}
          refreshKey={workKey}
          callAction={<CallBackButton number={focus.phone} />}
          onClose={shownPick ? () => setPicked(null) : undefined}
        />
      ) : (
        <Card className="self-start px-5 py-4 text-sm text-slate-500" data-testid="contact-panel-empty">
          The caller&apos;s contact and history appear here when a call is offered or live. Pick a customer in today&apos;s calls to see theirs.
        </Card>
      )}
    </div>
  );
}
