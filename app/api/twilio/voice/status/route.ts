import { recordCallStatus } from "@/lib/server/calls/record-call-status";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { callStatusSchema } from "@/lib/validations/twilio";

/** Call status callbacks (every leg): 204. CallSid + SequenceNumber identify a callback. */
export const POST = withTwilioWebhook(callStatusSchema, ({ params, log }) => recordCallStatus(params, log), {
  responds: "empty",
  naturalKey: (p) => (p.SequenceNumber !== undefined ? `${p.CallSid}:${p.SequenceNumber}` : `${p.CallSid}:${p.CallStatus}`),
  resourceSid: (p) => p.CallSid,
});
