import "server-only";
/**
 * The queue's waitUrl (re-requested whenever its TwiML runs out) and the key a waiting caller may
 * press: 1 leaves a voicemail, 2 requests a callback (the caller then <Leave>s the queue and the
 * <Enqueue> action URL takes over, see handle-queue-exit.ts).
 * https://www.twilio.com/docs/voice/twiml/enqueue#waiturl
 */
import { db } from "@/lib/server/db";
import type { IvrLanguage } from "@/lib/server/twilio/twiml/prompts";
import { buildLeaveQueueTwiml, buildRedirectTwiml, buildWaitTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import type { WaitRequest } from "@/lib/validations/twilio";
import { loadIvrConfig } from "./ivr-config";
import { addCallEvent, upsertCall } from "./upsert-call";

/** Minutes a caller at `position` may expect: Twilio's average queue time, else the last day's answered calls. */
export async function estimateWaitMinutes(queueId: string | null, position: number | null, avgQueueTime: number | undefined): Promise<number | null> {
  let averageSeconds = avgQueueTime && avgQueueTime > 0 ? avgQueueTime : null;
  if (averageSeconds === null && queueId) {
    const stats = await db.call.aggregate({
      where: { queueId, answeredAt: { gte: new Date(Date.now() - 86_400_000) }, queueSeconds: { not: null } },
      _avg: { queueSeconds: true },
    });
    averageSeconds = stats._avg.queueSeconds ?? null;
  }
  if (averageSeconds === null) return null;
  return Math.max(1, Math.round((averageSeconds * Math.max(1, position ?? 1)) / 60));
}

export async function serveWait(params: WaitRequest, language: IvrLanguage): Promise<string> {
  const config = await loadIvrConfig();
  const call = await db.call.findUnique({ where: { callSid: params.CallSid }, select: { queueId: true } });
  const position = params.QueuePosition ?? null;
  return buildWaitTwiml({
    language,
    position,
    estimatedMinutes: await estimateWaitMinutes(call?.queueId ?? null, position, params.AvgQueueTime),
    holdMusicUrl: config.holdMusicUrl ?? publicUrl(TWILIO_ROUTES.holdMusic),
    choiceUrl: publicUrl(TWILIO_ROUTES.voiceWait, { step: "choice", lang: language }),
  });
}

export async function handleWaitChoice(params: WaitRequest, language: IvrLanguage): Promise<string> {
  const choice = params.Digits === "1" ? "voicemail" : params.Digits === "2" ? "callback" : null;
  if (!choice) return buildRedirectTwiml(publicUrl(TWILIO_ROUTES.voiceWait, { lang: language }));
  const call = await upsertCall({ callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound" });
  await addCallEvent(call.id, { source: "queue", type: "leave-requested", details: { choice } });
  return buildLeaveQueueTwiml();
}
