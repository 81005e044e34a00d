import "server-only";
/**
 * Puts a caller into TaskRouter through <Enqueue workflowSid> with the attributes the workflow
 * routes on (docs/twilio-contract.md §4.7). TaskRouter adds the call's own parameters
 * (call_sid, from, to…) to these.
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { getResourceSid } from "@/lib/server/twilio/config";
import { prompts, type IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { buildEnqueueTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import { addCallEvent } from "./upsert-call";

export interface EnqueueCallInput {
  call: { id: string; callSid: string; from: string; contactId: string | null; ivrPath: string[] };
  queue: { id: string; key: string; name: string; priority: number };
  language: IvrLanguage;
  /** Spoken before enqueueing; defaults to "Connecting you to <queue>". */
  announcement?: string | null;
  extraAttributes?: Record<string, unknown>;
}

export async function enqueueCall(input: EnqueueCallInput): Promise<string> {
  const workflowSid = await getResourceSid("workflowSid");
  const { call, queue, language } = input;
  const attributes = {
    type: "call",
    direction: "inbound",
    queue: queue.key,
    skill: queue.key,
    language,
    caller: call.from,
    contact_id: call.contactId,
    ivr_path: call.ivrPath,
    ...input.extraAttributes,
  };
  await db.call.update({ where: { id: call.id }, data: { queueId: queue.id, enqueuedAt: new Date() } });
  await addCallEvent(call.id, { source: "queue", type: "enqueued", details: { queue: queue.key } });
  await publish("call.updated", { callSid: call.callSid, status: "in-progress", direction: "inbound", queueId: queue.id });
  await publish("queue.stats", { queueId: queue.id });
  const p = prompts(language);
  return buildEnqueueTwiml({
    language,
    announcement: input.announcement === undefined ? p.connecting(language === "es" ? queue.name : queue.name.toLowerCase()) : input.announcement,
    workflowSid,
    attributes,
    priority: queue.priority,
    waitUrl: publicUrl(TWILIO_ROUTES.voiceWait, { lang: language }),
    actionUrl: publicUrl(TWILIO_ROUTES.voiceGather, { step: "queue-exit", lang: language }),
  });
}
