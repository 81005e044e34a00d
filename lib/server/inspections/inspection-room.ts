import "server-only";
/**
 * The Video room behind an inspection, through the Video REST API (same code against Twilio and
 * the sandbox). One room at a time per inspection, named `insp-<inspectionId>`; a completed room
 * (ended by the host, or closed by Twilio after its empty/unused timeout) is replaced by a new one
 * with the same unique name the next time staff start the inspection.
 * https://www.twilio.com/docs/video/api/rooms-resource
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";

export function inspectionRoomName(inspectionId: string): string {
  return `insp-${inspectionId}`;
}

/** Returns the SID of the inspection's live room, creating the room when there is none. */
export async function ensureInspectionRoom(inspectionId: string): Promise<string> {
  const inspection = await db.inspection.findUnique({ where: { id: inspectionId }, select: { id: true, status: true, roomSid: true } });
  if (!inspection) throw new AppError("not_found", "That inspection does not exist.");
  if (inspection.status === "canceled") throw new AppError("conflict", "That inspection was canceled.");
  const client = getTwilioClient();
  if (inspection.roomSid) {
    const room = await client.video.v1.rooms(inspection.roomSid).fetch().catch(() => null);
    if (room?.status === "in-progress") return room.sid;
  }
  const uniqueName = inspectionRoomName(inspection.id);
  let room;
  try {
    room = await client.video.v1.rooms.create({
      uniqueName,
      type: "group",
      statusCallback: publicUrl(TWILIO_ROUTES.videoStatus),
      statusCallbackMethod: "POST",
      maxParticipants: 10,
      // Scheduled inspections may be created days ahead; keep an unused room for an hour at most.
      unusedRoomTimeout: 60,
      emptyRoomTimeout: 10,
    });
  } catch (error) {
    // 53113: a room with this unique name is already in progress (created by a concurrent request).
    if ((error as { code?: number }).code !== 53113) throw error;
    room = await client.video.v1.rooms(uniqueName).fetch();
  }
  await db.inspection.update({ where: { id: inspection.id }, data: { roomSid: room.sid } });
  return room.sid;
}

/** The live room's SID, or a conflict error when the inspection has no room in progress. */
export async function liveRoomSid(inspectionId: string): Promise<string> {
  const inspection = await db.inspection.findUnique({ where: { id: inspectionId }, select: { roomSid: true } });
  if (!inspection) throw new AppError("not_found", "That inspection does not exist.");
  if (!inspection.roomSid) throw new AppError("conflict", "The inspection room is not open.");
  return inspection.roomSid;
}
