import "server-only";
import { db } from "@/lib/server/db";
import { displayNameOf } from "@/lib/video-identity";

export async function getInspectionDetail(id: string) {
  const inspection = await db.inspection.findUnique({
    where: { id },
    select: {
      id: true, subject: true, reference: true, scheduledAt: true, status: true, notes: true, roomSid: true, startedAt: true, endedAt: true,
      assignee: { select: { name: true } }, createdBy: { select: { name: true } },
      invites: { orderBy: { createdAt: "desc" }, select: { id: true, displayName: true, expiresAt: true, revokedAt: true, uses: true, maxUses: true, createdAt: true } },
      snapshots: { orderBy: { createdAt: "asc" }, select: { id: true, participant: true, createdAt: true, takenBy: { select: { name: true } } } },
      rooms: {
        orderBy: { startedAt: "asc" },
        select: {
          roomSid: true, status: true, startedAt: true, endedAt: true, durationSeconds: true,
          participants: { orderBy: { joinedAt: "asc" }, select: { participantSid: true, identity: true, status: true, joinedAt: true, leftAt: true, durationSeconds: true } },
          recordings: { orderBy: { createdAt: "asc" }, select: { recordingSid: true, participantSid: true, type: true, trackName: true, status: true, durationSeconds: true, sizeBytes: true, containerFormat: true, createdAt: true } },
        },
      },
    },
  });
  if (!inspection) return null;
  return {
    ...inspection,
    participants: inspection.rooms.flatMap((r) => r.participants.map((p) => ({ ...p, name: displayNameOf(p.identity), roomSid: r.roomSid }))),
    recordings: inspection.rooms.flatMap((r) => r.recordings),
  };
}
export type InspectionDetail = NonNullable<Awaited<ReturnType<typeof getInspectionDetail>>>;
