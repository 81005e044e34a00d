import "server-only";
/**
 * The <Enqueue> action URL: requested when the caller leaves the queue. `leave` means the caller
 * pressed a key in the wait music (voicemail or callback); bridged/hangup need nothing more;
 * errors get the apology and voicemail.
 * https://www.twilio.com/docs/voice/twiml/enqueue#action
 */
import { db } from "@/lib/server/db";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { buildSayAndHangupTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import type { EnqueueActionRequest } from "@/lib/validations/twilio";
import { loadIvrConfig } from "./ivr-config";
import { requestCallback } from "./request-callback";
import { addCallEvent, upsertCall } from "./upsert-call";
import { voicemailTwiml } from "./voicemail-twiml";

export async function handleQueueExit(params: EnqueueActionRequest, language: IvrLanguage): Promise<string> {
  const call = await upsertCall({ callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound" });
  const result = params.QueueResult ?? "hangup";
  await addCallEvent(call.id, { source: "queue", type: `exit-${result}`, details: { queueTime: params.QueueTime ?? null } });

  if (result === "leave") {
    const choice = await db.callEvent.findFirst({
      where: { callId: call.id, source: "queue", type: "leave-requested" },
      orderBy: { occurredAt: "desc" },
    });
    const wanted = (choice?.details as { choice?: string } | null)?.choice;
    const config = await loadIvrConfig();
    const queue = call.queueId ? await db.queue.findUnique({ where: { id: call.queueId } }) : null;
    if (wanted === "callback") return requestCallback({ call, queue: queue ?? config.defaultQueue, language });
    return voicemailTwiml(language, [], queue?.key);
  }
  if (result === "bridged" || result === "hangup" || result === "redirected" || result === "redirected-from-bridged" || result === "bridging-in-process") {
    return buildSayAndHangupTwiml(language, []);
  }
  // error, system-error, queue-full: the call never reached an agent.
  return voicemailTwiml(language, [prompts(language).queueUnavailable]);
}
