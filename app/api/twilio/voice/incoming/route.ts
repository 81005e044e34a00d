import { answerIncomingCall } from "@/lib/server/calls/answer-incoming-call";
import { apologyWithVoicemailTwiml } from "@/lib/server/twilio/twiml/apology";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { voiceRequestSchema } from "@/lib/validations/twilio";

/** The business number's Voice URL: greeting, business hours, IVR menu. */
export const POST = withTwilioWebhook(voiceRequestSchema, ({ params }) => answerIncomingCall(params), {
  responds: "twiml",
  naturalKey: (p) => p.CallSid,
  resourceSid: (p) => p.CallSid,
  fallbackTwiml: () => apologyWithVoicemailTwiml(publicUrl(TWILIO_ROUTES.voiceVoicemail, { step: "recorded" })),
});
