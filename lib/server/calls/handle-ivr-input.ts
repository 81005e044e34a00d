import "server-only";
/**
 * The IVR menu's <Gather> action: DTMF or speech picks an option. Invalid or no input repeats the
 * menu once, then the caller goes to the default queue. 9 switches to Spanish.
 * https://www.twilio.com/docs/voice/twiml/gather#action
 */
import { db } from "@/lib/server/db";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { SPANISH_DIGIT } from "@/lib/server/twilio/twiml/voice-flow";
import type { GatherRequest } from "@/lib/validations/twilio";
import { menuTwiml } from "./answer-incoming-call";
import { enqueueCall } from "./enqueue-call";
import { loadIvrConfig, type IvrOptionConfig } from "./ivr-config";
import { matchIvrChoice } from "./match-ivr-choice";
import { requestCallback } from "./request-callback";
import { addCallEvent, findContactIdByPhone, upsertCall } from "./upsert-call";
import { voicemailTwiml } from "./voicemail-twiml";

export const MAX_MENU_ATTEMPTS = 2;

export async function handleIvrInput(params: GatherRequest, step: { attempt: number; language: IvrLanguage }): Promise<string> {
  const config = await loadIvrConfig();
  const call = await upsertCall(
    { callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound" },
    { contactId: await findContactIdByPhone(params.From) },
  );
  const { language } = step;

  if (params.Digits === SPANISH_DIGIT && language === "en" && config.options.every((o) => o.digit !== SPANISH_DIGIT)) {
    await addCallEvent(call.id, { source: "ivr", type: "language", details: { language: "es" } });
    return menuTwiml(config, "es", step.attempt, []);
  }

  const option = matchIvrChoice(config.options, { digits: params.Digits, speech: params.SpeechResult });
  // What the caller chose (never what they said: speech may hold personal data).
  await addCallEvent(call.id, {
    source: "ivr",
    type: option ? "menu-choice" : "menu-invalid",
    details: { digit: option?.digit ?? null, input: params.Digits ? "dtmf" : params.SpeechResult ? "speech" : "none", attempt: step.attempt },
  });

  if (!option) {
    const p = prompts(language);
    if (step.attempt < MAX_MENU_ATTEMPTS) return menuTwiml(config, language, step.attempt + 1, [p.notUnderstood]);
    const updated = await db.call.update({ where: { id: call.id }, data: { ivrPath: { push: "default" } } });
    return enqueueCall({ call: updated, queue: config.defaultQueue, language, announcement: p.routingDefault });
  }
  return routeToOption(call.id, option, language);
}

export async function routeToOption(callId: string, option: IvrOptionConfig, language: IvrLanguage): Promise<string> {
  const config = await loadIvrConfig();
  const call = await db.call.update({ where: { id: callId }, data: { ivrPath: { push: option.digit } } });
  switch (option.action) {
    case "QUEUE":
      return enqueueCall({ call, queue: option.queue ?? config.defaultQueue, language });
    case "VOICEMAIL":
      return voicemailTwiml(language, [], option.queue?.key);
    case "CALLBACK":
      return requestCallback({ call, queue: option.queue ?? config.defaultQueue, language });
  }
}
