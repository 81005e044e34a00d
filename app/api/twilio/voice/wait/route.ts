import { handleWaitChoice, serveWait } from "@/lib/server/calls/handle-wait";
import { buildLeaveQueueTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { waitRequestSchema } from "@/lib/validations/twilio";

/**
 * The queue's waitUrl (hold music, position, estimated wait) and, with `step=choice`, the key a
 * waiting caller pressed. If this fails, the caller leaves the queue for the <Enqueue> action's
 * voicemail path rather than hearing an error.
 */
export const POST = withTwilioWebhook(
  waitRequestSchema,
  async ({ params, url }) => {
    const language = url.searchParams.get("lang") === "es" ? "es" : "en";
    return url.searchParams.get("step") === "choice" ? handleWaitChoice(params, language) : serveWait(params, language);
  },
  { responds: "twiml", resourceSid: (p) => p.CallSid, fallbackTwiml: () => buildLeaveQueueTwiml() },
);
