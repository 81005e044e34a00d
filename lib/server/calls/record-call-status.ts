import "server-only";
/**
 * Call status callbacks: the call row and its full status timeline. Callbacks can arrive out of
 * order, so `status` follows the highest SequenceNumber while every callback adds its timeline
 * row (unique per call + sequence: a replay adds nothing).
 * https://www.twilio.com/docs/voice/api/call-resource#statuscallbackevent
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { findUserByIdentity } from "@/lib/server/agents/find-user-by-identity";
import type { Logger } from "@/lib/server/logger";
import type { CallStatusRequest } from "@/lib/validations/twilio";
import { findOutboundTaskSid, settleOutboundCall } from "./outbound-task-call";
import { addCallEvent, findContactIdByPhone } from "./upsert-call";

const TERMINAL = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

function parseTimestamp(value: string | undefined): Date {
  const date = value ? new Date(value) : new Date();
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

/** The business's view of how a call ended, when nothing more specific was recorded. */
export function defaultOutcome(status: string, call: { enqueuedAt: Date | null; answeredAt: Date | null; direction: string }): string {
  if (status === "failed") return "failed";
  if (call.direction === "inbound") return call.enqueuedAt ? "abandoned" : status === "completed" ? "abandoned" : "missed";
  return call.answeredAt || status === "completed" ? "answered" : "missed";
}

export async function recordCallStatus(params: CallStatusRequest, log: Logger): Promise<void> {
  const status = params.CallStatus;
  const sequence = params.SequenceNumber ?? null;
  const occurredAt = parseTimestamp(params.Timestamp);
  const agentAddress = [params.To, params.From].find((a) => a.startsWith("client:"));
  const agent = agentAddress ? await findUserByIdentity(agentAddress) : null;
  const customer = [params.From, params.To].find((a) => a.startsWith("+"));

  const call = await db.call.upsert({
    where: { callSid: params.CallSid },
    create: {
      callSid: params.CallSid,
      parentCallSid: params.ParentCallSid ?? null,
      direction: params.Direction ?? "inbound",
      from: params.From,
      to: params.To,
      status,
      statusSequence: sequence ?? -1,
      agentId: agent?.id ?? null,
      contactId: customer ? await findContactIdByPhone(customer) : null,
      startedAt: occurredAt,
    },
    update: {},
  });

  // Only a newer callback moves the status (an unnumbered one only if the call is not over yet).
  const newer = sequence !== null ? { statusSequence: { lt: sequence } } : { status: { notIn: [...TERMINAL] } };
  await db.call.updateMany({ where: { id: call.id, ...newer }, data: { status, ...(sequence !== null ? { statusSequence: sequence } : {}) } });

  const patch: Record<string, unknown> = {};
  if (status === "in-progress" && !call.answeredAt && call.direction !== "inbound") patch.answeredAt = occurredAt;
  if (TERMINAL.has(status)) {
    if (!call.endedAt) patch.endedAt = occurredAt;
    if (params.CallDuration !== undefined) patch.durationSeconds = params.CallDuration;
    if (!call.outcome) patch.outcome = defaultOutcome(status, call);
  }
  if (agent && !call.agentId) patch.agentId = agent.id;
  if (Object.keys(patch).length > 0) await db.call.update({ where: { id: call.id }, data: patch });

  await addCallEvent(call.id, {
    source: "call-progress",
    type: status,
    sequenceNumber: sequence,
    occurredAt,
    details: params.CallDuration !== undefined ? { callDuration: params.CallDuration } : undefined,
  });
  const latest = await db.call.findUniqueOrThrow({ where: { id: call.id }, select: { status: true, direction: true, queueId: true, agentId: true, outcome: true } });
  await publish("call.updated", { callSid: params.CallSid, ...latest });
  if (latest.queueId && TERMINAL.has(status)) await publish("queue.stats", { queueId: latest.queueId });

  // A leg of an agent's outbound call ended: settle the customer who never answered, or the agent who left first.
  if (TERMINAL.has(status)) {
    const taskSid = await findOutboundTaskSid({ callSid: params.CallSid, taskSid: call.taskSid, from: call.from });
    if (taskSid) await settleOutboundCall(taskSid, log);
  }
}
