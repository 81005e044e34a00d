import "server-only";
/**
 * Host controls that go through the Video REST API, so they work the same against Twilio and the
 * sandbox: recording on/off (Recording Rules), removing a participant, ending the room for all.
 * https://www.twilio.com/docs/video/api/recording-rules
 * https://www.twilio.com/docs/video/api/participants
 */
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { liveRoomSid } from "./inspection-room";

export async function setRoomRecording(actor: SessionUser, inspectionId: string, recording: boolean): Promise<void> {
  const roomSid = await liveRoomSid(inspectionId);
  await getTwilioClient().video.v1.rooms(roomSid).recordingRules.update({
    rules: [{ type: recording ? "include" : "exclude", all: true }],
  });
  await recordAudit({ actorId: actor.id, action: recording ? "inspection.recording.start" : "inspection.recording.stop", targetType: "Inspection", targetId: inspectionId, details: { roomSid } });
}

export async function removeParticipant(actor: SessionUser, inspectionId: string, participantSid: string): Promise<void> {
  const roomSid = await liveRoomSid(inspectionId);
  await getTwilioClient().video.v1.rooms(roomSid).participants(participantSid).update({ status: "disconnected" });
  await recordAudit({ actorId: actor.id, action: "inspection.participant.remove", targetType: "Inspection", targetId: inspectionId, details: { roomSid, participantSid } });
}

/** Ends the room for everyone and marks the inspection completed (its invite links stop working). */
export async function endInspectionRoom(actor: SessionUser, inspectionId: string): Promise<void> {
  const roomSid = await liveRoomSid(inspectionId);
  await getTwilioClient().video.v1.rooms(roomSid).update({ status: "completed" });
  await db.inspection.update({ where: { id: inspectionId }, data: { status: "completed", endedAt: new Date() } });
  await db.inspectionJoinRequest.updateMany({ where: { status: "waiting", invite: { inspectionId } }, data: { status: "denied", decidedAt: new Date() } });
  await recordAudit({ actorId: actor.id, action: "inspection.end", targetType: "Inspection", targetId: inspectionId, details: { roomSid } });
}

/** Streams a recording's media through the app (the REST API answers with a short-lived URL). */
export async function fetchRecordingMedia(inspectionId: string, recordingSid: string): Promise<Response | null> {
  const recording = await db.videoRecording.findFirst({ where: { recordingSid, room: { inspectionId } }, select: { recordingSid: true } });
  if (!recording) return null;
  const client = getTwilioClient();
  const answer = await client.request({ method: "get", uri: `https://video.twilio.com/v1/Recordings/${recordingSid}/Media` });
  const body = answer.body as { redirect_to?: string } | string;
  const parsed = typeof body === "string" ? (JSON.parse(body) as { redirect_to?: string }) : body;
  if (!parsed.redirect_to) return null;
  return fetch(parsed.redirect_to);
}
