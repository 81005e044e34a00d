import "server-only";
/**
 * "Call me back": stores a CallbackRequest and routes it as a TaskRouter task of type
 * `callback`. Withheld or invalid caller IDs are asked to key in a number.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { logger } from "@/lib/server/logger";
import { createRoutingTask } from "@/lib/server/tasks/create-routing-task";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { buildCallbackNumberTwiml, buildSayAndHangupTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import { addCallEvent } from "./upsert-call";

export function callbackNumberTwiml(language: IvrLanguage, queueKey: string, invalid: boolean): string {
  return buildCallbackNumberTwiml({
    language,
    invalid,
    actionUrl: publicUrl(TWILIO_ROUTES.voiceGather, { step: "callback-number", lang: language, queue: queueKey, retry: invalid ? 1 : 0 }),
  });
}

/** E.164 for a caller ID or keyed-in digits, or null (anonymous, too short, not a number). */
export function callbackPhone(raw: string | undefined): string | null {
  if (!raw || !/^\+?[\d\s()-]{7,20}$/.test(raw)) return null;
  // Keyed-in digits have no country code: read them as a number of the business's country (US).
  const parsed = parsePhoneNumberFromString(raw, "US");
  return parsed?.isValid() ? parsed.number : null;
}

export async function requestCallback(input: {
  call: { id: string; callSid: string; from: string; contactId: string | null; ivrPath: string[] };
  queue: { id: string; key: string };
  language: IvrLanguage;
  phone?: string | null;
}): Promise<string> {
  const { call, queue, language } = input;
  const phone = input.phone ?? callbackPhone(call.from);
  if (!phone) return callbackNumberTwiml(language, queue.key, false);

  const existing = await db.callbackRequest.findUnique({ where: { callId: call.id } });
  const request =
    existing ??
    (await db.callbackRequest.create({
      data: { phone, callId: call.id, contactId: call.contactId, queueId: queue.id, status: "PENDING" },
    }));
  await db.call.update({ where: { id: call.id }, data: { outcome: "callback" } });
  await addCallEvent(call.id, { source: "ivr", type: "callback-requested", details: { queue: queue.key } });

  if (!request.taskSid) {
    try {
      const taskSid = await createRoutingTask({
        attributes: {
          type: "callback",
          queue: queue.key,
          skill: queue.key,
          language,
          callback_request_id: request.id,
          callback_number: phone,
          caller: phone,
          contact_id: call.contactId,
          call_sid: call.callSid,
          ivr_path: call.ivrPath,
        },
      });
      await db.callbackRequest.update({ where: { id: request.id }, data: { taskSid } });
    } catch (error) {
      // The request is stored; the wrap-up sweeper retries task creation for rows without a task.
      logger.error({ err: error, callbackRequestId: request.id }, "could not create the callback task yet");
    }
  }
  await publish("queue.stats", { queueId: queue.id });
  return buildSayAndHangupTwiml(language, [prompts(language).callbackConfirm(phone.slice(-4))]);
}
