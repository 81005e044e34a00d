import { handleCallbackNumber } from "@/lib/server/calls/handle-callback-number";
import { handleIvrInput } from "@/lib/server/calls/handle-ivr-input";
import { handleQueueExit } from "@/lib/server/calls/handle-queue-exit";
import { apologyWithVoicemailTwiml } from "@/lib/server/twilio/twiml/apology";
import type { IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { enqueueActionSchema } from "@/lib/validations/twilio";

const language = (url: URL): IvrLanguage => (url.searchParams.get("lang") === "es" ? "es" : "en");

/**
 * IVR steps, chosen by `step`: `menu` (the menu's Gather action), `callback-number` (a keyed-in
 * callback number), `queue-exit` (the <Enqueue> action URL).
 */
export const POST = withTwilioWebhook(
  enqueueActionSchema,
  async ({ params, url }) => {
    const step = url.searchParams.get("step") ?? "menu";
    if (step === "queue-exit") return handleQueueExit(params, language(url));
    if (step === "callback-number") {
      return handleCallbackNumber(params, { language: language(url), queueKey: url.searchParams.get("queue"), retry: url.searchParams.get("retry") === "1" });
    }
    const attempt = Math.min(Math.max(Number(url.searchParams.get("attempt")) || 1, 1), 5);
    return handleIvrInput(params, { attempt, language: language(url) });
  },
  {
    responds: "twiml",
    resourceSid: (p) => p.CallSid,
    fallbackTwiml: () => apologyWithVoicemailTwiml(publicUrl(TWILIO_ROUTES.voiceVoicemail, { step: "recorded" })),
  },
);
