import type { Metadata } from "next";
import Link from "next/link";
import { RecordingPlayer } from "@/components/recordings/recording-player";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { VoicemailHandledButton } from "@/components/voicemail/voicemail-handled-button";
import { formatAddress, formatDateTime, formatDuration } from "@/lib/format";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { listVoicemails } from "@/lib/server/voicemail/list-voicemails";

export const metadata: Metadata = { title: "Voicemail" };

export default async function VoicemailPage({ searchParams }: PageProps<"/supervisor/voicemail">) {
  await requireRole(SUPERVISOR_ROLES);
  const status = (await searchParams).status === "all" ? "all" : "open";
  const [voicemails, timeZone] = await Promise.all([listVoicemails({ status }), getBusinessTimezone()]);
  return (
    <Card>
      <CardHeader
        title="Voicemail"
        description={status === "open" ? "Messages nobody has handled yet, newest first." : "All messages, newest first."}
        actions={
          <Link href={status === "open" ? "?status=all" : "?"} className="text-sm font-medium text-brand-600 hover:underline">
            {status === "open" ? "Show all" : "Show open only"}
          </Link>
        }
      />
      {voicemails.length === 0 ? (
        <EmptyState title={status === "open" ? "Inbox zero: every voicemail has been handled" : "No voicemail yet"} />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="voicemail-list">
          {voicemails.map((v) => {
            const caller = v.contact?.name ?? formatAddress(v.from);
            return (
              <li key={v.id} className="flex flex-col gap-2 px-5 py-4 md:flex-row md:items-start md:justify-between">
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="font-medium text-slate-900">
                    {caller}
                    {v.contact ? <span className="ml-2 text-sm font-normal text-slate-500">{formatAddress(v.from)}</span> : null}
                  </p>
                  <p className="text-sm text-slate-500">
                    {formatDateTime(v.createdAt, timeZone)} · {formatDuration(v.durationSeconds)}
                    {v.queue ? ` · ${v.queue.name}` : ""}
                    {v.handledAt ? ` · handled by ${v.handledBy?.name ?? "someone"} ${formatDateTime(v.handledAt, timeZone)}` : ""}
                  </p>
                  <blockquote className="max-w-3xl text-sm text-slate-800">
                    {v.transcription ? `“${v.transcription}”` : <span className="italic text-slate-500">No transcription ({v.transcriptionStatus ?? "pending"}).</span>}
                  </blockquote>
                  {v.recording ? <RecordingPlayer recordingSid={v.recording.recordingSid} label={`voicemail from ${caller}`} /> : null}
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  {v.handledAt ? <Badge tone="success">handled</Badge> : <Badge tone="warning">open</Badge>}
                  <Link href={`/agent?dial=${encodeURIComponent(v.from)}`} className="text-sm font-medium text-brand-600 hover:underline" aria-label={`Call back ${caller}`}>
                    Call back
                  </Link>
                  <VoicemailHandledButton voicemailId={v.id} handled={v.handledAt !== null} caller={caller} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
