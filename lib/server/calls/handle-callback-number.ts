import "server-only";
import { db } from "@/lib/server/db";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { buildSayAndHangupTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import type { GatherRequest } from "@/lib/validations/twilio";
import { loadIvrConfig } from "./ivr-config";
import { callbackNumberTwiml, callbackPhone, requestCallback } from "./request-callback";
import { upsertCall } from "./upsert-call";

/** The keyed-in callback number (asked when the caller ID was withheld): one retry, then goodbye. */
export async function handleCallbackNumber(params: GatherRequest, step: { language: IvrLanguage; queueKey: string | null; retry: boolean }): Promise<string> {
  const config = await loadIvrConfig();
  const call = await upsertCall({ callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound" });
  const queue = (step.queueKey && (await db.queue.findUnique({ where: { key: step.queueKey } }))) || config.defaultQueue;
  const phone = callbackPhone(params.Digits);
  if (!phone) {
    if (!step.retry) return callbackNumberTwiml(step.language, queue.key, true);
    return buildSayAndHangupTwiml(step.language, [prompts(step.language).callbackInvalid, prompts(step.language).goodbye]);
  }
  return requestCallback({ call, queue, language: step.language, phone });
}
