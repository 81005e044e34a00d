import "server-only";
import { buildVoicemailTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import type { IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";

/** The voicemail recording TwiML with this app's callback URLs. */
export function voicemailTwiml(language: IvrLanguage, preamble: string[], queueKey?: string): string {
  return buildVoicemailTwiml({
    language,
    preamble,
    actionUrl: publicUrl(TWILIO_ROUTES.voiceVoicemail, { step: "recorded", lang: language, queue: queueKey }),
    transcribeCallbackUrl: publicUrl(TWILIO_ROUTES.voiceVoicemail, { step: "transcription" }),
    recordingStatusCallbackUrl: publicUrl(TWILIO_ROUTES.voiceRecording),
  });
}
