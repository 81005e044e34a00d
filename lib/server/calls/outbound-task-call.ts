import "server-only";
/**
 * Outbound calls to a phone number run through a TaskRouter task and a conference, like Flex's
 * outbound dialing, so the in-call controls (hold, transfer, add party, hang up) and wrap-up are
 * the same as for inbound calls:
 * 1. the softphone's leg hits the TwiML App URL (place-outbound-call.ts); the agent needs spare
 *    voice capacity (an agent in an unavailable activity may call out: see createAssignedTask);
 * 2. a task (type `call`, direction `outbound`, `target_worker_sid`) is created; the workflow's
 *    first filter offers it to that worker only (known_worker_sid) and the assignment callback
 *    answers `accept` (build-assignment-instruction.ts); the webhook waits for the assignment, so
 *    the agent owns the task (the control routes authorise them) before their leg connects;
 * 3. the customer is dialed into the conference named after the TaskSid (Participants API, caller
 *    ID = business number; the customer leaving ends the conference); the task's `call_sid` is
 *    the customer's leg, which is the call log's outbound call (contact linked);
 * 4. the agent's leg joins that conference (<Dial><Conference>), recorded from start when the
 *    settings record outbound calls: one recording, which survives transfers.
 * settleOutboundCall handles the ends that never connect: the customer busy / not answering /
 * failing (the agent hears why, the task goes to wrap-up) and the agent hanging up first (the
 * customer's ringing leg is canceled).
 * https://www.twilio.com/docs/taskrouter/handle-assignment-callbacks#accept-instruction
 * https://www.twilio.com/docs/voice/api/conference-participant-resource
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/server/events";
import type { Logger } from "@/lib/server/logger";
import { createRoutingTask } from "@/lib/server/tasks/create-routing-task";
import { getTwilioAccount } from "@/lib/server/twilio/config";
import { activitySid } from "@/lib/server/agents/activity-sids";
import {
  readWorkerVoiceState,
  setTaskAssignmentStatus,
  setWorkerActivity,
  updateTaskAttributes,
  waitForTaskAssigned,
} from "@/lib/server/twilio/taskrouter";
import { prompts } from "@/lib/server/twilio/twiml/prompts";
import { buildOutboundConferenceTwiml, buildSayAndHangupTwiml } from "@/lib/server/twilio/twiml/voice-flow";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import { dialCustomerIntoConference, hangUpCall, redirectCall } from "./conference-participants";
import { loadIvrConfig } from "./ivr-config";
import { addCallEvent, findContactIdByPhone, upsertCall } from "./upsert-call";

const TERMINAL = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
/** Seconds TaskRouter keeps the outbound task waiting for the agent's reservation. */
const OUTBOUND_TASK_TIMEOUT_SECONDS = 60;

export interface OutboundTaskCallInput {
  agentCall: { id: string; callSid: string };
  agent: { id: string; name: string; workerSid: string | null };
  number: string;
}

export function isOutboundTaskAttributes(attributes: unknown): boolean {
  const a = (attributes ?? {}) as Record<string, unknown>;
  return a.type === "call" && a.direction === "outbound";
}

async function failAgentCall(callId: string, line: string, reason: string): Promise<string> {
  await db.call.update({ where: { id: callId }, data: { outcome: "failed" } });
  await addCallEvent(callId, { source: "agent", type: "outbound-refused", details: { reason } });
  return buildSayAndHangupTwiml("en", [line]);
}

/** Ends a task whose call never started: cancel it if nobody holds it yet, else complete it. */
async function abandonTask(taskSid: string, reason: string, log: Logger): Promise<void> {
  try {
    await setTaskAssignmentStatus(taskSid, "canceled", reason);
  } catch {
    await setTaskAssignmentStatus(taskSid, "completed", reason).catch((error: unknown) => log.warn({ err: error, taskSid }, "could not end the outbound task"));
  }
}

/**
 * Creates the outbound task and waits until it is assigned to the agent. An agent who is not in an
 * available activity (Offline, Break, Wrap-up) may still call out, like Flex's "outbound calls while
 * unavailable": they are Available just long enough for TaskRouter to reserve the task for them
 * (known worker, top priority) and accept it, then Busy (pending reservations of other work
 * rejected), as any agent on a call; back in their activity if the task was not assigned.
 */
async function createAssignedTask(agent: { workerSid: string }, attributes: Record<string, unknown>, log: Logger): Promise<string | null> {
  const state = await readWorkerVoiceState(agent.workerSid);
  if (!state.hasCapacity) {
    log.info("outbound call refused: the agent has no spare voice capacity");
    return null;
  }
  const previous = state.available ? null : state.activitySid;
  if (previous) await setWorkerActivity(agent.workerSid, await activitySid("Available"));
  let assigned = false;
  try {
    const taskSid = await createRoutingTask({ priority: 1000, timeoutSeconds: OUTBOUND_TASK_TIMEOUT_SECONDS, attributes });
    assigned = await waitForTaskAssigned(taskSid);
    if (assigned) return taskSid;
    log.warn({ taskSid }, "outbound call refused: TaskRouter did not assign the task to the agent");
    await abandonTask(taskSid, "not assigned to the agent", log);
    return null;
  } finally {
    if (previous) {
      // On the call the agent is Busy (then Wrap-up, then Available when they complete it, like any
      // call); if the call never started, back where they were.
      const target = assigned ? await activitySid("Busy") : previous;
      await setWorkerActivity(agent.workerSid, target, { rejectPendingReservations: true }).catch((error: unknown) =>
        log.warn({ err: error }, "outbound call: could not set the agent's activity"),
      );
    }
  }
}

/**
 * TaskRouter has assigned the task: store that now rather than wait for its event callbacks, so the
 * agent's controls work as soon as their leg connects. Events then only move it forward
 * (lastEventAtMs 0: any event is newer; task-event.ts never moves an assigned task back).
 */
async function storeAssignedTask(taskSid: string, attributes: Record<string, unknown>, agentId: string, contactId: string | null): Promise<void> {
  const now = new Date();
  const task = await db.task.createManyAndReturn({
    data: [{ taskSid, type: "call", status: "assigned", attributes: attributes as Prisma.InputJsonValue, agentId, contactId, priority: 1000, assignedAt: now, lastEventAtMs: BigInt(0) }],
    skipDuplicates: true,
  });
  if (task.length === 0) {
    await db.task.updateMany({ where: { taskSid, status: { in: ["pending", "reserved"] } }, data: { status: "assigned" } });
    await db.task.updateMany({ where: { taskSid, assignedAt: null }, data: { assignedAt: now } });
    await db.task.updateMany({ where: { taskSid, agentId: null }, data: { agentId } });
  }
  await publish("task.updated", { taskSid, status: "assigned", type: "call", queueId: null, agentId, eventType: "outbound.assigned" });
}

/** The agent's TwiML for an outbound call to a number (after the caller was checked). */
export async function startOutboundTaskCall(input: OutboundTaskCallInput, log: Logger): Promise<string> {
  const p = prompts("en");
  const { agentCall, agent, number } = input;
  const workerSid = agent.workerSid;
  if (!workerSid) return failAgentCall(agentCall.id, p.outboundNotReady, "no worker");

  const contactId = await findContactIdByPhone(number);
  const config = await loadIvrConfig();
  const general = await db.queue.findFirst({ where: { isDefault: true }, select: { key: true } });
  const queueKey = general?.key ?? "general";
  const businessNumber = getTwilioAccount().phoneNumber;
  const attributes = {
    type: "call",
    direction: "outbound",
    queue: queueKey,
    skill: queueKey,
    language: "en",
    caller: number,
    from: businessNumber,
    to: number,
    contact_id: contactId,
    target_worker_sid: workerSid,
    agent_id: agent.id,
    agent_call_sid: agentCall.callSid,
    conference_record: config.recordOutbound,
  };
  const taskSid = await createAssignedTask({ workerSid }, attributes, log);
  if (!taskSid) return failAgentCall(agentCall.id, p.outboundNotReady, "not assigned");
  await storeAssignedTask(taskSid, attributes, agent.id, contactId);
  await db.call.update({ where: { id: agentCall.id }, data: { contactId } });
  await addCallEvent(agentCall.id, { source: "agent", type: "outbound-task", details: { taskSid } });

  let customerCallSid: string;
  try {
    customerCallSid = await dialCustomerIntoConference({ conferenceName: taskSid, to: number, record: config.recordOutbound });
  } catch (error) {
    log.warn({ err: error, taskSid }, "outbound call: could not dial the customer");
    await abandonTask(taskSid, "the customer could not be dialed", log);
    return failAgentCall(agentCall.id, error instanceof AppError && error.code === "bad_request" ? p.outboundInvalid : p.outboundFailed, "dial failed");
  }

  // The customer's leg is the call log's outbound call. Its status callbacks may have created it.
  const customer = await upsertCall(
    { callSid: customerCallSid, from: businessNumber, to: number, direction: "outbound-api", status: "queued" },
    { contactId, agentId: agent.id },
  );
  await db.call.update({ where: { id: customer.id }, data: { taskSid, contactId, agentId: agent.id } });
  await addCallEvent(customer.id, { source: "agent", type: "dial", details: { taskSid, agentCallSid: agentCall.callSid } });
  // The agent's softphone leg is their side of this call, like the conference leg of an inbound
  // call: filed under the customer's leg so call lists (live view, My work) show the call once.
  await db.call.update({ where: { id: agentCall.id }, data: { parentCallSid: customerCallSid } });
  await db.task.updateMany({ where: { taskSid, callSid: null }, data: { callSid: customerCallSid } });
  try {
    await updateTaskAttributes(taskSid, { call_sid: customerCallSid });
  } catch (error) {
    // Our copy already knows the customer's leg; the controls work from it.
    log.warn({ err: error, taskSid }, "outbound call: could not add call_sid to the task");
  }
  await publish("call.updated", { callSid: customerCallSid, status: "queued", direction: "outbound-api", agentId: agent.id });

  return buildOutboundConferenceTwiml({
    conferenceName: taskSid,
    participantLabel: `agent:${agent.id}`,
    record: config.recordOutbound,
    conferenceStatusCallbackUrl: publicUrl(TWILIO_ROUTES.voiceConferenceStatus),
    recordingStatusCallbackUrl: publicUrl(TWILIO_ROUTES.voiceRecording),
  });
}

/** The outbound task a call belongs to: as the customer's leg, or as the agent's softphone leg. */
export async function findOutboundTaskSid(call: { callSid: string; taskSid: string | null; from: string }): Promise<string | null> {
  if (call.taskSid) return call.taskSid;
  if (!call.from.startsWith("client:")) return null;
  const task = await db.task.findFirst({
    where: { type: "call", attributes: { path: ["agent_call_sid"], equals: call.callSid } },
    select: { taskSid: true },
  });
  return task?.taskSid ?? null;
}

/**
 * After a leg of an outbound task call ended: if the customer never answered, tell the agent why
 * and end their leg; if the agent left before the customer answered, cancel the customer's leg;
 * then the task goes to wrap-up (the agent records the outcome). Safe to run more than once.
 */
export async function settleOutboundCall(taskSid: string, log: Logger): Promise<void> {
  const task = await db.task.findUnique({ where: { taskSid } });
  if (!task || !isOutboundTaskAttributes(task.attributes)) return;
  const attributes = task.attributes as Record<string, unknown>;
  const customerSid = task.callSid ?? (typeof attributes.call_sid === "string" ? attributes.call_sid : null);
  const agentSid = typeof attributes.agent_call_sid === "string" ? attributes.agent_call_sid : null;
  const select = { status: true, answeredAt: true } as const;
  const customer = customerSid ? await db.call.findUnique({ where: { callSid: customerSid }, select }) : null;
  const agent = agentSid ? await db.call.findUnique({ where: { callSid: agentSid }, select }) : null;
  if (!customer || customer.answeredAt) return;
  const customerOver = TERMINAL.has(customer.status);
  const agentOver = !agent || TERMINAL.has(agent.status);

  if (customerOver && !agentOver && agentSid) {
    const twiml = buildSayAndHangupTwiml("en", [prompts("en").outboundEnded(customer.status)]);
    await redirectCall(agentSid, twiml).catch((error: unknown) => log.info({ err: error, taskSid }, "outbound call: the agent's leg had already ended"));
  }
  if (agentOver && !customerOver && customerSid) {
    await hangUpCall(customerSid).catch((error: unknown) => log.info({ err: error, taskSid }, "outbound call: the customer's leg had already ended"));
  }
  if (customerOver || agentOver) {
    const latest = await db.task.findUnique({ where: { taskSid }, select: { status: true } });
    if (latest?.status === "assigned") {
      await setTaskAssignmentStatus(taskSid, "wrapping", "customer not reached").catch((error: unknown) => log.info({ err: error, taskSid }, "outbound task already left assigned"));
    } else if (latest?.status === "pending" || latest?.status === "reserved") {
      await abandonTask(taskSid, "customer not reached", log);
    }
  }
}
