import "server-only";
/**
 * First webhook of an inbound call (the number's Voice URL): store the call, then either the
 * after-hours voicemail or the IVR menu.
 * https://www.twilio.com/docs/voice/twiml#request-parameters
 */
import { publish } from "@/lib/server/events";
import { buildMenuTwiml, SPANISH_DIGIT } from "@/lib/server/twilio/twiml/voice-flow";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import type { VoiceRequest } from "@/lib/validations/twilio";
import { openStateAt } from "./business-hours";
import { loadIvrConfig, type IvrConfig } from "./ivr-config";
import { createCallWithEvent, findContactIdByPhone } from "./upsert-call";
import { voicemailTwiml } from "./voicemail-twiml";

export function menuTwiml(config: IvrConfig, language: IvrLanguage, attempt: number, preamble: string[]): string {
  return buildMenuTwiml({
    language,
    options: config.options,
    preamble,
    offerSpanish: config.options.every((o) => o.digit !== SPANISH_DIGIT),
    actionUrl: publicUrl(TWILIO_ROUTES.voiceGather, { step: "menu", attempt, lang: language }),
  });
}

export async function answerIncomingCall(params: VoiceRequest, now: Date = new Date()): Promise<string> {
  const config = await loadIvrConfig();
  const contactId = await findContactIdByPhone(params.From);
  const state = openStateAt(now, config.hours, config.holidays, config.timezone);
  const event = { source: "ivr", type: state.open ? "greeting" : "after-hours", occurredAt: now, details: state.open ? undefined : { reason: state.reason } };
  const call = await createCallWithEvent(
    { callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound", status: params.CallStatus ?? "ringing" },
    { contactId },
    event,
  );
  await publish("call.updated", { callSid: call.callSid, status: call.status, direction: call.direction, queueId: null, agentId: null, outcome: null });

  const language = config.language;
  const p = prompts(language);
  if (!state.open) {
    return voicemailTwiml(language, [config.greeting, state.reason === "holiday" ? p.holiday : p.afterHours]);
  }
  return menuTwiml(config, language, 1, [config.greeting]);
}
