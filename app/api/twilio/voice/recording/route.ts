import { recordRecordingStatus } from "@/lib/server/calls/record-recording-status";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { recordingStatusSchema } from "@/lib/validations/twilio";

/** Recording status callbacks (calls, conferences, voicemail): 204. */
export const POST = withTwilioWebhook(recordingStatusSchema, ({ params }) => recordRecordingStatus(params), {
  responds: "empty",
  naturalKey: (p) => `${p.RecordingSid}:${p.RecordingStatus}`,
  resourceSid: (p) => p.RecordingSid,
});
