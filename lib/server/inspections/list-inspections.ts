import "server-only";
import { db } from "@/lib/server/db";

export interface InspectionListItem {
  id: string;
  subject: string;
  reference: string;
  status: string;
  scheduledAt: Date;
  assigneeName: string | null;
  participantCount: number;
}

export async function listInspections(): Promise<InspectionListItem[]> {
  const rows = await db.inspection.findMany({
    orderBy: { scheduledAt: "desc" },
    take: 100,
    select: {
      id: true, subject: true, reference: true, status: true, scheduledAt: true,
      assignee: { select: { name: true } },
      rooms: { select: { _count: { select: { participants: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id, subject: r.subject, reference: r.reference, status: r.status, scheduledAt: r.scheduledAt,
    assigneeName: r.assignee?.name ?? null,
    participantCount: r.rooms.reduce((n, room) => n + room._count.participants, 0),
  }));
}
