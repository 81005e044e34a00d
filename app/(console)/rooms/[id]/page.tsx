import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { InviteManager } from "@/components/video/invite-manager";
import { NotesForm } from "@/components/video/notes-form";
import { formatDateTime, formatDuration } from "@/lib/format";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getInspectionDetail } from "@/lib/server/inspections/get-inspection-detail";
import { displayNameOf } from "@/lib/video-identity";

export const metadata: Metadata = { title: "Inspection" };

export default async function InspectionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole(STAFF_ROLES);
  const { id } = await params;
  const inspection = await getInspectionDetail(id);
  if (!inspection) notFound();
  const open = inspection.status !== "completed" && inspection.status !== "canceled";
  const now = new Date();
  const inviteState = (i: (typeof inspection.invites)[number]) =>
    i.revokedAt ? "revoked" as const : i.expiresAt <= now ? "expired" as const : i.uses >= i.maxUses ? "used up" as const : "active" as const;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{inspection.subject}</h1>
          <p className="text-sm text-slate-500">
            {inspection.reference} · scheduled {formatDateTime(inspection.scheduledAt)} · assigned to {inspection.assignee?.name ?? "nobody"} · created by {inspection.createdBy.name}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <Badge tone={inspection.status === "completed" ? "success" : inspection.status === "live" ? "danger" : "info"}>{inspection.status}</Badge>
          {open ? <Link href={`/rooms/${id}/live`} className="inline-flex h-10 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">Join room</Link> : null}
        </div>
      </div>

      <Card>
        <CardHeader title="Invite links" description="For outside inspectors and customers: no account needed. Guests wait until you admit them." />
        <InviteManager
          inspectionId={id}
          open={open}
          invites={inspection.invites.map((i) => ({ id: i.id, displayName: i.displayName, expiresAt: i.expiresAt.toISOString(), revokedAt: i.revokedAt?.toISOString() ?? null, uses: i.uses, maxUses: i.maxUses, state: inviteState(i) }))}
        />
      </Card>

      <Card>
        <CardHeader title="Participants" description="Who joined, when, and for how long (from the room's status callbacks)." />
        {inspection.participants.length === 0 ? <EmptyState title="Nobody has joined yet" /> : (
          <table className="w-full text-left text-sm" data-testid="history-participants">
            <thead className="text-slate-500"><tr><th className="px-5 py-2 font-medium">Name</th><th className="px-5 py-2 font-medium">Joined</th><th className="px-5 py-2 font-medium">Left</th><th className="px-5 py-2 font-medium">Duration</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {inspection.participants.map((p) => (
                <tr key={p.participantSid} data-testid="history-participant">
                  <td className="px-5 py-2 font-medium">{p.name}</td>
                  <td className="px-5 py-2">{formatDateTime(p.joinedAt)}</td>
                  <td className="px-5 py-2">{p.leftAt ? formatDateTime(p.leftAt) : "in the room"}</td>
                  <td className="px-5 py-2">{p.durationSeconds !== null ? formatDuration(p.durationSeconds) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Card>
        <CardHeader title="Recordings" />
        {inspection.recordings.length === 0 ? <EmptyState title="No recordings" /> : (
          <ul className="grid gap-4 p-5 md:grid-cols-2">
            {inspection.recordings.map((r) => {
              const who = inspection.participants.find((p) => p.participantSid === r.participantSid);
              return (
                <li key={r.recordingSid} className="space-y-1" data-testid="history-recording">
                  <p className="text-sm font-medium">{who ? displayNameOf(who.identity) : r.trackName ?? r.type} · {r.status}{r.durationSeconds !== null ? ` · ${formatDuration(r.durationSeconds)}` : ""}</p>
                  {r.status === "completed" ? <video controls preload="metadata" className="w-full rounded-md bg-black" src={`/api/inspections/${id}/recordings/${r.recordingSid}`} /> : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader title="Snapshots" />
        {inspection.snapshots.length === 0 ? <EmptyState title="No snapshots" /> : (
          <ul className="grid grid-cols-2 gap-4 p-5 md:grid-cols-4">
            {inspection.snapshots.map((s) => (
              <li key={s.id} data-testid="history-snapshot">
                {/* eslint-disable-next-line @next/next/no-img-element -- served by an authorised route, not a static asset */}
                <img src={`/api/inspections/${id}/snapshots/${s.id}`} alt={`Snapshot of ${s.participant}`} className="w-full rounded-md" />
                <p className="mt-1 text-xs text-slate-500">{s.participant} · {formatDateTime(s.createdAt)}{s.takenBy ? ` · by ${s.takenBy.name}` : ""}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader title="Notes" />
        <NotesForm inspectionId={id} notes={inspection.notes} />
      </Card>
    </div>
  );
}
