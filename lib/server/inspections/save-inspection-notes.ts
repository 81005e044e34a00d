import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";

export async function saveInspectionNotes(inspectionId: string, notes: string): Promise<void> {
  const result = await db.inspection.updateMany({ where: { id: inspectionId }, data: { notes: notes.trim() || null } });
  if (result.count === 0) throw new AppError("not_found", "That inspection does not exist.");
}
