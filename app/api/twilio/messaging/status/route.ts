import { recordMessageStatus } from "@/lib/server/messages/record-message-status";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { messagingStatusSchema } from "@/lib/validations/twilio";

/** Outbound message status callbacks: 204. */
export const POST = withTwilioWebhook(messagingStatusSchema, ({ params }) => recordMessageStatus(params), {
  responds: "empty",
  naturalKey: (p) => `${p.MessageSid}:${p.MessageStatus}`,
  resourceSid: (p) => p.MessageSid,
});
