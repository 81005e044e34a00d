import { recordConferenceEvent } from "@/lib/server/conferences/record-conference-event";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { conferenceStatusSchema } from "@/lib/validations/twilio";

/** Conference status callbacks for task conferences: 204. */
export const POST = withTwilioWebhook(conferenceStatusSchema, ({ params, log }) => recordConferenceEvent(params, log), {
  responds: "empty",
  naturalKey: (p) => (p.SequenceNumber !== undefined ? `${p.ConferenceSid}:${p.SequenceNumber}` : null),
  resourceSid: (p) => p.ConferenceSid,
});
