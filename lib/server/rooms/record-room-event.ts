import "server-only";
/**
 * Video room status callbacks: rooms, participants and recordings, idempotent by SID. Rooms named
 * `insp-<inspectionId>` are linked to their inspection. (The video console extends this.)
 * https://www.twilio.com/docs/video/api/status-callbacks
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import type { VideoStatus } from "@/lib/validations/twilio";
import { displayNameOf } from "@/lib/video-identity";

function eventTime(params: VideoStatus): Date {
  const at = params.Timestamp ? new Date(params.Timestamp) : new Date();
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

export async function recordRoomEvent(params: VideoStatus): Promise<void> {
  const at = eventTime(params);
  const inspectionId = params.RoomName.startsWith("insp-") ? params.RoomName.slice(5) : null;
  const inspection = inspectionId ? await db.inspection.findUnique({ where: { id: inspectionId }, select: { id: true } }) : null;
  const room = await db.videoRoom.upsert({
    where: { roomSid: params.RoomSid },
    create: {
      roomSid: params.RoomSid, uniqueName: params.RoomName, inspectionId: inspection?.id ?? null,
      status: params.RoomStatus ?? "in-progress", type: params.RoomType ?? "group", startedAt: at,
    },
    update: {},
  });
  const event = params.StatusCallbackEvent;
  if (event === "room-ended") {
    await db.videoRoom.update({ where: { id: room.id }, data: { status: "completed", endedAt: room.endedAt ?? at, durationSeconds: params.RoomDuration ?? room.durationSeconds } });
  } else if ((event === "participant-connected" || event === "participant-disconnected") && params.ParticipantSid) {
    const connected = event === "participant-connected";
    await db.videoParticipant.upsert({
      where: { participantSid: params.ParticipantSid },
      create: {
        participantSid: params.ParticipantSid, roomId: room.id, identity: params.ParticipantIdentity ?? "unknown",
        displayName: params.ParticipantIdentity ? displayNameOf(params.ParticipantIdentity) : null,
        status: connected ? "connected" : "disconnected", joinedAt: at, leftAt: connected ? null : at,
        durationSeconds: params.ParticipantDuration ?? null,
      },
      update: connected ? {} : { status: "disconnected", leftAt: at, durationSeconds: params.ParticipantDuration ?? null },
    });
  } else if (event.startsWith("recording-") && params.RecordingSid) {
    const status = event === "recording-completed" ? "completed" : event === "recording-failed" ? "failed" : "processing";
    await db.videoRecording.upsert({
      where: { recordingSid: params.RecordingSid },
      create: {
        recordingSid: params.RecordingSid, roomId: room.id, type: params.Type ?? "audio", trackName: params.TrackName ?? null,
        participantSid: params.SourceSid ?? params.ParticipantSid ?? null, status, containerFormat: params.Container ?? null,
        durationSeconds: params.Duration ?? null, sizeBytes: params.Size ?? null,
      },
      update: status === "processing" ? {} : { status, durationSeconds: params.Duration ?? null, sizeBytes: params.Size ?? null },
    });
  }
  await publish("video.updated", { roomSid: params.RoomSid, event, participantSid: params.ParticipantSid ?? null });
}
