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
import { formatAddress, formatDateTime, formatDuration } from "@/lib/format";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getAgentCallDetail } from "@/lib/server/calls/get-agent-call-detail";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";

export const metadata: Metadata = { title: "My call" };

/** A call the signed-in agent handled: outcome, wrap-up and recordings. Other calls are 404. */
export default async function AgentCallPage({ params }: PageProps<"/agent/calls/[id]">) {
  const user = await requireRole(STAFF_ROLES);
  const { id } = await params;
  const [timeZone, call] = await Promise.all([
    getBusinessTimezone(),
    getAgentCallDetail(user, id).catch((error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    }),
  ]);
  const talk = call.answeredAt && call.endedAt ? (call.endedAt.getTime() - call.answeredAt.getTime()) / 1000 : null;
  return (
    <div className="space-y-6">
      <Link href="/agent" className="text-sm font-medium text-brand-600 hover:underline">← Agent workspace</Link>
      <Card>
        <CardHeader
          title={`${call.outbound ? "Outbound" : "Inbound"} call · ${call.contact?.name ?? formatAddress(call.customer)}`}
          description={formatDateTime(call.startedAt, timeZone)}
          actions={<OutcomeBadge outcome={call.outcome} />}
        />
        <CardBody>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Field label="Customer">{formatAddress(call.customer)}{call.contact?.company ? ` · ${call.contact.company}` : ""}</Field>
            <Field label="Queue">{call.queue?.name ?? "—"}</Field>
            <Field label="IVR path">{call.ivrPath.length > 0 ? call.ivrPath.join(" → ") : "—"}</Field>
            <Field label="Waited">{formatDuration(call.queueSeconds)}</Field>
            <Field label="Talk time">{formatDuration(talk)}</Field>
            <Field label="Total duration">{formatDuration(call.durationSeconds)}</Field>
            <Field label="Disposition">{call.disposition ?? "—"}</Field>
            <div className="col-span-2 md:col-span-4">
              <Field label="Notes">{call.notes ?? "—"}</Field>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Recordings" />
        {call.recordings.length === 0 ? (
          <EmptyState title="No recording" />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="call-recordings">
            {call.recordings.map((r) => (
              <li key={r.id} className="space-y-2 px-5 py-3 text-sm">
                <div className="flex items-center justify-between">
                  <span>{formatDuration(r.durationSeconds)}</span>
                  <Badge>{r.status}</Badge>
                </div>
                {r.status === "completed" ? <RecordingPlayer recordingSid={r.recordingSid} label={`call recording ${formatDateTime(r.createdAt, timeZone)}`} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
