import "server-only";
/**
 * Cold and warm transfers. Both put the customer on hold and create a new task of type `transfer`
 * that carries the original attributes and the transfer history; TaskRouter routes it to the
 * chosen agent (known-worker filter) or queue. When its reservation is accepted
 * (accept-reservation.ts) the new agent is dialed into the same conference.
 * - cold: the transferring agent leaves now and their task goes to wrap-up;
 * - warm: they stay to consult, then hand off or take the caller back (finish-transfer.ts).
 * Task attributes are updated read-merge-write with If-Match.
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { removeConferenceParticipant, updateConferenceParticipant } from "@/lib/server/calls/conference-participants";
import { setTaskAssignmentStatus, updateTaskAttributes } from "@/lib/server/twilio/taskrouter";
import type { TransferInput } from "@/lib/validations/call-control";
import { createRoutingTask } from "./create-routing-task";
import { conferenceSidFor, customerCallSid, loadControlledTask, participantCallSid } from "./load-controlled-task";

export async function transferTask(user: SessionUser, taskSid: string, input: TransferInput) {
  const task = await loadControlledTask(user, taskSid);
  const attributes = (task.attributes ?? {}) as Record<string, unknown>;
  if (attributes.transfer_pending) throw new AppError("conflict", "A transfer of this call is already in progress.");

  let target: Record<string, unknown>;
  let queueKey: string;
  if (input.target.type === "agent") {
    const agent = await db.user.findUnique({ where: { id: input.target.userId }, select: { id: true, name: true, workerSid: true, disabled: true } });
    if (!agent || agent.disabled || !agent.workerSid) throw new AppError("not_found", "That agent cannot take transfers.");
    if (agent.id === task.agentId) throw new AppError("bad_request", "The call is already with that agent.");
    const general = await db.queue.findFirst({ where: { isDefault: true }, select: { key: true } });
    queueKey = general?.key ?? "general";
    target = { type: "agent", user_id: agent.id, worker_sid: agent.workerSid, name: agent.name };
  } else {
    const queue = await db.queue.findUnique({ where: { key: input.target.queueKey }, select: { key: true, name: true } });
    if (!queue) throw new AppError("not_found", "That queue does not exist.");
    queueKey = queue.key;
    target = { type: "queue", queue: queue.key, name: queue.name };
  }

  const conferenceSid = await conferenceSidFor(task);
  const customer = customerCallSid(task);
  const agentLeg = input.mode === "cold" && task.agentId ? await participantCallSid(conferenceSid, task.agentId).catch(() => null) : null;
  const step = { mode: input.mode, from_task_sid: task.taskSid, from_agent_id: task.agentId, target, at: new Date().toISOString() };
  const history = Array.isArray(attributes.transfers) ? (attributes.transfers as unknown[]) : [];

  await updateConferenceParticipant(conferenceSid, customer, { hold: true });
  const newTaskSid = await createRoutingTask({
    priority: 100,
    attributes: {
      ...attributes,
      type: "transfer",
      original_type: attributes.original_type ?? attributes.type ?? task.type,
      queue: queueKey,
      skill: queueKey,
      transfers: [...history, step],
      transfer: { ...step, conference_sid: conferenceSid, customer_call_sid: customer },
      ...(input.target.type === "agent" ? { transfer_target: "worker", transfer_worker_sid: target.worker_sid } : { transfer_target: "queue" }),
    },
  });
  await updateTaskAttributes(
    task.taskSid,
    input.mode === "warm" ? { transfer_pending: { task_sid: newTaskSid, mode: "warm" } } : {},
    { transfers: [{ ...step, to_task_sid: newTaskSid }] },
  );
  if (input.mode === "cold") {
    if (agentLeg) await removeConferenceParticipant(conferenceSid, agentLeg);
    await setTaskAssignmentStatus(task.taskSid, "wrapping", "transferred");
  }
  await recordAudit({ actorId: user.id, action: `task.transfer.${input.mode}`, targetType: "task", targetId: task.taskSid, details: { newTaskSid, target } as never });
  return { taskSid: task.taskSid, transferTaskSid: newTaskSid, mode: input.mode };
}
