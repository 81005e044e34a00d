import "server-only";
import { db } from "@/lib/server/db";
import { ensureInspectionRoom, inspectionRoomName } from "./inspection-room";

/** Staff open the inspection: its room is (re)created when needed and the inspection goes live. */
export async function startInspection(inspectionId: string): Promise<{ room: string; roomSid: string }> {
  const roomSid = await ensureInspectionRoom(inspectionId);
  await db.inspection.updateMany({ where: { id: inspectionId, status: "scheduled" }, data: { status: "live", startedAt: new Date() } });
  return { room: inspectionRoomName(inspectionId), roomSid };
}
