import "server-only";
/**
 * The softphone's outgoing call (TwiML App Voice URL). Only identities of active staff users may
 * call out; `To` is an E.164 number (validated with libphonenumber-js), `client:<identity>` of
 * another agent, or `queue:<key>`. Caller ID is always the business number. Calls to a number run
 * through a task and a conference (outbound-task-call.ts), so they get the in-call controls.
 * https://www.twilio.com/docs/voice/sdks/javascript/make-outgoing-calls  (docs/twilio-contract.md §2.9)
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { findUserByIdentity } from "@/lib/server/agents/find-user-by-identity";
import { clientIdentity } from "@/lib/server/agents/identity";
import type { Logger } from "@/lib/server/logger";
import { getTwilioAccount } from "@/lib/server/twilio/config";
import { prompts } from "@/lib/server/twilio/twiml/prompts";
import { buildOutboundDialTwiml, buildSayAndHangupTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import type { VoiceRequest } from "@/lib/validations/twilio";
import { enqueueCall } from "./enqueue-call";
import { loadIvrConfig } from "./ivr-config";
import { startOutboundTaskCall } from "./outbound-task-call";
import { addCallEvent, upsertCall } from "./upsert-call";

export type OutboundDestination =
  | { kind: "number"; number: string }
  | { kind: "client"; identity: string }
  | { kind: "queue"; key: string }
  | { kind: "invalid"; reason: string };

/** Parses the softphone's `To`. National numbers are read as US numbers (the business's country). */
export function parseOutboundDestination(raw: string | undefined): OutboundDestination {
  const to = (raw ?? "").trim();
  if (!to) return { kind: "invalid", reason: "no number was dialed" };
  if (to.startsWith("client:")) {
    const identity = to.slice(7);
    return /^[A-Za-z0-9_]{1,121}$/.test(identity) ? { kind: "client", identity } : { kind: "invalid", reason: "invalid client identity" };
  }
  if (to.startsWith("queue:")) {
    const key = to.slice(6);
    return /^[a-z0-9_-]{1,64}$/.test(key) ? { kind: "queue", key } : { kind: "invalid", reason: "invalid queue name" };
  }
  if (!/^\+?[\d\s().-]{3,24}$/.test(to)) return { kind: "invalid", reason: "not a phone number" };
  const parsed = parsePhoneNumberFromString(to, "US");
  if (!parsed || !parsed.isValid()) return { kind: "invalid", reason: "not a valid phone number" };
  return { kind: "number", number: parsed.number };
}

export async function placeOutboundCall(params: VoiceRequest & { To?: string }, log: Logger): Promise<string> {
  const p = prompts("en");
  const caller = params.From.startsWith("client:") ? await findUserByIdentity(params.From) : null;
  const call = await upsertCall(
    { callSid: params.CallSid, from: params.From, to: params.To, direction: params.Direction ?? "inbound", status: params.CallStatus ?? "ringing" },
    { agentId: caller?.id ?? null },
  );
  if (!caller) {
    log.warn({ from: params.From }, "outbound call refused: caller is not an active user");
    await db.call.update({ where: { id: call.id }, data: { outcome: "failed" } });
    return buildSayAndHangupTwiml("en", [p.outboundNotAllowed]);
  }

  const destination = parseOutboundDestination(params.To);
  await addCallEvent(call.id, { source: "agent", type: "dial", details: { kind: destination.kind } });
  const config = await loadIvrConfig();
  const dial = (target: { kind: "client"; identity: string }) =>
    buildOutboundDialTwiml({
      callerId: getTwilioAccount().phoneNumber,
      target,
      record: config.recordOutbound,
      recordingStatusCallbackUrl: publicUrl(TWILIO_ROUTES.voiceRecording),
      statusCallbackUrl: publicUrl(TWILIO_ROUTES.voiceStatus),
    });

  switch (destination.kind) {
    case "invalid":
      log.warn({ to: params.To, reason: destination.reason }, "outbound call refused: invalid destination");
      await db.call.update({ where: { id: call.id }, data: { outcome: "failed" } });
      return buildSayAndHangupTwiml("en", [p.outboundInvalid]);
    case "number": {
      await publish("call.updated", { callSid: call.callSid, status: call.status, direction: "outbound", agentId: caller.id });
      return startOutboundTaskCall({ agentCall: call, agent: caller, number: destination.number }, log);
    }
    case "client": {
      const target = await findUserByIdentity(destination.identity);
      if (!target || target.id === caller.id) return buildSayAndHangupTwiml("en", [p.outboundAgentUnavailable]);
      return dial({ kind: "client", identity: clientIdentity(target) });
    }
    case "queue": {
      const queue = await db.queue.findUnique({ where: { key: destination.key } });
      if (!queue) return buildSayAndHangupTwiml("en", [p.outboundInvalid]);
      return enqueueCall({
        call,
        queue,
        language: "en",
        extraAttributes: { direction: "internal", caller: params.From, from_agent_id: caller.id },
      });
    }
  }
}
