import "server-only";
/**
 * Recording status callbacks (calls, <Dial record>, conferences, voicemail <Record>): one row per
 * RecordingSid, updated as the status moves. CallSid is the parent leg, except for conference
 * recordings, where it names whichever participant's leg Twilio associated with the recording
 * (often the agent's): those belong to the customer's call, the first one in the conference.
 * https://www.twilio.com/docs/voice/api/recording#recordingstatuscallback
 */
import { db } from "@/lib/server/db";
import type { RecordingStatusRequest } from "@/lib/validations/twilio";

async function findRecordedCall(params: RecordingStatusRequest) {
  const byConference = params.ConferenceSid
    ? await db.call.findFirst({ where: { conferenceSid: params.ConferenceSid }, select: { id: true }, orderBy: { startedAt: "asc" } })
    : null;
  if (byConference) return byConference;
  return params.CallSid ? db.call.findUnique({ where: { callSid: params.CallSid }, select: { id: true } }) : null;
}

export async function recordRecordingStatus(params: RecordingStatusRequest): Promise<void> {
  const call = await findRecordedCall(params);
  const startedAt = params.RecordingStartTime ? new Date(params.RecordingStartTime) : null;
  const data = {
    url: params.RecordingUrl,
    status: params.RecordingStatus,
    source: params.RecordingSource ?? null,
    channels: params.RecordingChannels ?? 1,
    durationSeconds: params.RecordingDuration ?? null,
    startedAt: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt : null,
    conferenceSid: params.ConferenceSid ?? null,
  };
  await db.recording.upsert({
    where: { recordingSid: params.RecordingSid },
    create: { recordingSid: params.RecordingSid, callSid: params.CallSid ?? "", callId: call?.id ?? null, ...data },
    update: { ...data, ...(call ? { callId: call.id } : {}) },
  });
}
