import type { Metadata } from "next";
import { DetailField as Field } from "@/components/ui/detail-field";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RecordingPlayer } from "@/components/recordings/recording-player";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { isAppError } from "@/lib/errors";
import { formatAddress, formatDateTime, formatDuration, formatTime } from "@/lib/format";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getCallDetail } from "@/lib/server/calls/get-call-detail";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";

export const metadata: Metadata = { title: "Call detail" };

function describeEvent(source: string, type: string, details: unknown): string {
  const d = (details ?? {}) as Record<string, unknown>;
  if (source === "ivr" && type === "menu-choice") return `Caller chose option ${String(d.digit ?? "?")}`;
  if (source === "call-progress") return `Call ${type}`;
  if (source === "conference") return `Conference: ${type.replace(/-/g, " ")}`;
  return `${source}: ${type}`;
}

export default async function CallDetailPage({ params }: PageProps<"/supervisor/calls/[id]">) {
  await requireRole(SUPERVISOR_ROLES);
  const { id } = await params;
  const timeZone = await getBusinessTimezone();
  const detail = await getCallDetail(id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const { call, task, related } = detail;
  const inbound = call.direction === "inbound";
  const customer = inbound ? call.from : call.to;
  const talk = call.answeredAt && call.endedAt ? (call.endedAt.getTime() - call.answeredAt.getTime()) / 1000 : null;

  return (
    <div className="space-y-6">
      <Link href="/supervisor/calls" className="text-sm font-medium text-brand-600 hover:underline">← Call log</Link>
      <Card>
        <CardHeader
          title={`${inbound ? "Inbound" : "Outbound"} call · ${call.contact?.name ?? formatAddress(customer)}`}
          description={`${formatDateTime(call.startedAt, timeZone)} · ${call.callSid}`}
          actions={<OutcomeBadge outcome={call.outcome} />}
        />
        <CardBody>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Field label="Customer">{formatAddress(customer)}{call.contact?.company ? ` · ${call.contact.company}` : ""}</Field>
            <Field label="Queue">{call.queue?.name ?? "—"}</Field>
            <Field label="Agent">{call.agent?.name ?? "—"}</Field>
            <Field label="Status">{call.status}</Field>
            <Field label="IVR path">{call.ivrPath.length > 0 ? call.ivrPath.join(" → ") : "—"}</Field>
            <Field label="Waited">{formatDuration(call.queueSeconds)}</Field>
            <Field label="Talk time">{formatDuration(talk)}</Field>
            <Field label="Total duration">{formatDuration(call.durationSeconds)}</Field>
            <Field label="Disposition">{call.disposition ?? task?.disposition ?? "—"}</Field>
            <div className="col-span-2 md:col-span-3">
              <Field label="Notes">{call.notes ?? task?.notes ?? "—"}</Field>
            </div>
          </dl>
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Timeline" description="Status changes and routing steps, in order." />
          {call.events.length === 0 ? (
            <EmptyState title="No events recorded" />
          ) : (
            <ol className="space-y-0 px-5 py-4" data-testid="call-timeline">
              {call.events.map((e) => (
                <li key={e.id} className="flex gap-3 border-l-2 border-slate-200 pb-3 pl-4 last:pb-0">
                  <span className="w-20 shrink-0 font-mono text-xs text-slate-500">{formatTime(e.occurredAt, timeZone)}</span>
                  <span className="text-sm text-slate-800">{describeEvent(e.source, e.type, e.details)}</span>
                  {e.sequenceNumber != null ? <span className="ml-auto text-xs text-slate-400">#{e.sequenceNumber}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </Card>

        <Card>
          <CardHeader title="Routing" description={task ? `Task ${task.taskSid}` : "This call did not create a task."} />
          {task ? (
            <CardBody className="space-y-4">
              <dl className="grid grid-cols-2 gap-4">
                <Field label="Task status"><Badge>{task.status}</Badge></Field>
                <Field label="Queue">{task.queue?.name ?? "—"}</Field>
                <Field label="Created">{formatTime(task.createdAt, timeZone)}</Field>
                <Field label="Completed">{formatTime(task.completedAt ?? task.canceledAt, timeZone)}</Field>
              </dl>
              <table className="min-w-full text-sm">
                <caption className="mb-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500">Reservations</caption>
                <tbody className="divide-y divide-slate-100">
                  {task.reservations.map((r) => (
                    <tr key={r.reservationSid}>
                      <td className="py-1.5">{r.user?.name ?? "—"}</td>
                      <td className="py-1.5"><Badge tone={r.status === "rejected" || r.status === "timeout" ? "warning" : "neutral"}>{r.status}</Badge></td>
                      <td className="py-1.5 text-right font-mono text-xs text-slate-500">{formatTime(r.createdAt, timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </CardBody>
          ) : null}
        </Card>
      </div>

      <Card>
        <CardHeader title="Recordings" />
        {call.recordings.length === 0 ? (
          <EmptyState title="No recording">Calls are recorded when recording is on for their direction.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="call-recordings">
            {call.recordings.map((r) => (
              <li key={r.id} className="space-y-2 px-5 py-3 text-sm">
                <div className="flex items-center justify-between">
                  <span>{r.recordingSid} · {formatDuration(r.durationSeconds)} · {r.channels === 2 ? "dual channel" : "mono"}</span>
                  <Badge>{r.status}</Badge>
                </div>
                {r.status === "completed" ? <RecordingPlayer recordingSid={r.recordingSid} label={`call recording ${formatDateTime(r.createdAt, timeZone)}`} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {related.length > 0 ? (
        <Card>
          <CardHeader title={`Other calls with ${call.contact?.name}`} />
          <ul className="divide-y divide-slate-100">
            {related.map((r) => (
              <li key={r.id} className="flex items-center justify-between px-5 py-2 text-sm">
                <Link href={`/supervisor/calls/${r.id}`} className="text-brand-600 hover:underline">{formatDateTime(r.startedAt, timeZone)}</Link>
                <span className="text-slate-600">{r.direction === "inbound" ? "Inbound" : "Outbound"} · {formatDuration(r.durationSeconds)}</span>
                <OutcomeBadge outcome={r.outcome} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
