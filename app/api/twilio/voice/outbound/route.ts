import { placeOutboundCall } from "@/lib/server/calls/place-outbound-call";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { voiceRequestSchema } from "@/lib/validations/twilio";

/** The TwiML App's Voice URL: calls placed from the softphone (device.connect({ params: { To } })). */
export const POST = withTwilioWebhook(voiceRequestSchema, ({ params, log }) => placeOutboundCall(params, log), {
  responds: "twiml",
  naturalKey: (p) => p.CallSid,
  resourceSid: (p) => p.CallSid,
});
