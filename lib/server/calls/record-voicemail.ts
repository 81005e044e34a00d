import "server-only";
/**
 * The voicemail <Record> action (recording done) and its transcribeCallback. A voicemail becomes
 * a Voicemail row linked to its Recording, and a TaskRouter task of type `voicemail`.
 * https://www.twilio.com/docs/voice/twiml/record#attributes-action  (RecordingUrl, RecordingSid, RecordingDuration)
 * https://www.twilio.com/docs/voice/twiml/record#attributes-transcribe-callback
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { logger } from "@/lib/server/logger";
import { createRoutingTask } from "@/lib/server/tasks/create-routing-task";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { buildSayAndHangupTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import type { VoicemailRequest } from "@/lib/validations/twilio";
import { loadIvrConfig } from "./ivr-config";
import { addCallEvent, upsertCall } from "./upsert-call";

export async function saveVoicemail(params: VoicemailRequest, step: { language: IvrLanguage; queueKey: string | null }): Promise<string> {
  const { language } = step;
  const p = prompts(language);
  if (!params.RecordingSid || !params.RecordingUrl) return buildSayAndHangupTwiml(language, [p.voicemailEmpty]);

  const config = await loadIvrConfig();
  const call = await upsertCall({ callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound" });
  const queue =
    (step.queueKey && (await db.queue.findUnique({ where: { key: step.queueKey } }))) ||
    (call.queueId && (await db.queue.findUnique({ where: { id: call.queueId } }))) ||
    config.defaultQueue;

  const recording = await db.recording.upsert({
    where: { recordingSid: params.RecordingSid },
    create: {
      recordingSid: params.RecordingSid,
      callSid: params.CallSid,
      callId: call.id,
      url: params.RecordingUrl,
      status: "completed",
      source: "RecordVerb",
      channels: 1,
      durationSeconds: params.RecordingDuration ?? null,
    },
    update: { durationSeconds: params.RecordingDuration ?? undefined },
  });
  const voicemail = await db.voicemail.upsert({
    where: { callId: call.id },
    create: {
      callId: call.id,
      recordingId: recording.id,
      from: call.from,
      contactId: call.contactId,
      queueId: queue.id,
      durationSeconds: params.RecordingDuration ?? null,
      transcriptionStatus: "in-progress",
    },
    update: { recordingId: recording.id, durationSeconds: params.RecordingDuration ?? undefined },
  });
  await db.call.update({ where: { id: call.id }, data: { outcome: "voicemail", queueId: call.queueId ?? queue.id } });
  await addCallEvent(call.id, { source: "ivr", type: "voicemail", details: { recordingSid: params.RecordingSid } });

  if (!voicemail.taskSid) {
    try {
      const taskSid = await createRoutingTask({
        attributes: {
          type: "voicemail",
          queue: queue.key,
          skill: queue.key,
          language,
          voicemail_id: voicemail.id,
          caller: call.from,
          contact_id: call.contactId,
          call_sid: call.callSid,
          recording_sid: params.RecordingSid,
          ivr_path: call.ivrPath,
        },
      });
      await db.voicemail.update({ where: { id: voicemail.id }, data: { taskSid } });
    } catch (error) {
      logger.error({ err: error, voicemailId: voicemail.id }, "could not create the voicemail task yet");
    }
  }
  await publish("queue.stats", { queueId: queue.id });
  return buildSayAndHangupTwiml(language, [p.voicemailThanks]);
}

export async function saveTranscription(params: VoicemailRequest): Promise<void> {
  if (!params.RecordingSid) return;
  const recording = await db.recording.findUnique({ where: { recordingSid: params.RecordingSid }, select: { id: true } });
  const data = { transcription: params.TranscriptionText ?? null, transcriptionStatus: params.TranscriptionStatus ?? "completed" };
  if (recording) {
    await db.voicemail.updateMany({ where: { recordingId: recording.id }, data });
  } else {
    const call = await db.call.findUnique({ where: { callSid: params.CallSid }, select: { id: true } });
    if (call) await db.voicemail.updateMany({ where: { callId: call.id }, data });
  }
}
