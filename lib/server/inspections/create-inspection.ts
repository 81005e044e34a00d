import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import type { CreateInspectionInput } from "@/lib/validations/inspections";
import { ensureInspectionRoom } from "./inspection-room";

/** Creates an inspection and its Video room (with the status callback that records its history). */
export async function createInspection(actor: SessionUser, input: CreateInspectionInput): Promise<{ id: string; roomSid: string }> {
  if (input.assigneeId) {
    const assignee = await db.user.findUnique({ where: { id: input.assigneeId }, select: { disabled: true } });
    if (!assignee || assignee.disabled) throw new AppError("bad_request", "Choose an active staff member.");
  }
  const inspection = await db.inspection.create({
    data: {
      subject: input.subject, reference: input.reference, scheduledAt: input.scheduledAt,
      assigneeId: input.assigneeId ?? actor.id, createdById: actor.id,
    },
    select: { id: true },
  });
  await recordAudit({ actorId: actor.id, action: "inspection.create", targetType: "Inspection", targetId: inspection.id });
  const roomSid = await ensureInspectionRoom(inspection.id);
  return { id: inspection.id, roomSid };
}
