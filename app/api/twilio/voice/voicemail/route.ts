import { saveTranscription, saveVoicemail } from "@/lib/server/calls/record-voicemail";
import { apologyTwiml } from "@/lib/server/twilio/twiml/apology";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { voicemailRequestSchema } from "@/lib/validations/twilio";

/**
 * `step=recorded`: the voicemail <Record> action (stores it, creates its task, says thanks).
 * `step=transcription`: the transcribeCallback (stores the text; Twilio ignores the response).
 */
export const POST = withTwilioWebhook(
  voicemailRequestSchema,
  async ({ params, url }) => {
    if (url.searchParams.get("step") === "transcription") {
      await saveTranscription(params);
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    }
    const language = url.searchParams.get("lang") === "es" ? "es" : "en";
    return saveVoicemail(params, { language, queueKey: url.searchParams.get("queue") });
  },
  {
    responds: "twiml",
    naturalKey: (p, url) => `${url.searchParams.get("step") ?? "recorded"}:${p.RecordingSid ?? p.CallSid}`,
    resourceSid: (p) => p.CallSid,
    fallbackTwiml: () => apologyTwiml(),
  },
);
