import "server-only";
/**
 * Completes a task with a disposition and notes (the end of wrap-up), records them on the call,
 * voicemail or callback, and returns the agent to Available (or Busy while another call of theirs
 * is still live, e.g. one on hold). Also used, without a user, by the wrap-up timeout sweeper.
 * https://www.twilio.com/docs/taskrouter/api/task#update-a-task-resource (AssignmentStatus=completed + Reason)
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { settleAgentActivity } from "@/lib/server/agents/settle-agent-activity";
import { setTaskAssignmentStatus } from "@/lib/server/twilio/taskrouter";
import type { CompleteTaskInput } from "@/lib/validations/call-control";
import { loadControlledTask, type ControlledTask } from "./load-controlled-task";

export async function finishTaskWork(
  task: ControlledTask,
  outcome: { disposition: string | null; notes: string | null; reason: string; actorId: string | null; action: string },
): Promise<void> {
  // The agent's next activity is set before the task completes: the console drops the wrap-up
  // form when the task completes, and an agent who then picks Offline must not be overtaken by
  // this move to Available.
  const agent = task.agentId ? await db.user.findUnique({ where: { id: task.agentId }, select: { id: true, workerSid: true } }) : null;
  if (agent?.workerSid) await settleAgentActivity(agent.workerSid, task.taskSid, "completed");
  await setTaskAssignmentStatus(task.taskSid, "completed", outcome.reason).catch((error: unknown) => {
    // Already completed (by a replay, the other instance, or Twilio) is fine; anything else is not.
    if (!(error instanceof AppError) || !["conflict", "bad_request", "not_found"].includes(error.code)) throw error;
  });

  await db.$transaction(async (tx) => {
    await tx.task.update({
      where: { id: task.id },
      data: { disposition: outcome.disposition ?? task.disposition, notes: outcome.notes ?? task.notes, wrapupDeadlineAt: null },
    });
    if (task.callSid && (task.type === "call" || task.type === "transfer")) {
      await tx.call.updateMany({ where: { callSid: task.callSid }, data: { disposition: outcome.disposition, notes: outcome.notes } });
    }
    if (task.type === "voicemail") {
      await tx.voicemail.updateMany({ where: { taskSid: task.taskSid, handledAt: null }, data: { handledAt: new Date(), handledById: task.agentId } });
    }
    if (task.type === "callback") {
      await tx.callbackRequest.updateMany({ where: { taskSid: task.taskSid }, data: { status: "COMPLETED", completedAt: new Date() } });
    }
    await recordAudit({ actorId: outcome.actorId, action: outcome.action, targetType: "task", targetId: task.taskSid, details: { disposition: outcome.disposition, reason: outcome.reason } }, tx);
  });
  await publish("task.updated", { taskSid: task.taskSid, status: "completed", type: task.type, queueId: task.queueId, agentId: task.agentId, eventType: outcome.action });
}

export async function completeTask(user: SessionUser, taskSid: string, input: CompleteTaskInput) {
  const task = await loadControlledTask(user, taskSid, { statuses: ["assigned", "wrapping"] });
  const disposition = await db.disposition.findUnique({ where: { code: input.disposition } });
  if (!disposition || !disposition.active) throw new AppError("bad_request", "Choose one of the listed dispositions.");
  await finishTaskWork(task, { disposition: disposition.code, notes: input.notes || null, reason: "completed by agent", actorId: user.id, action: "task.complete" });
  return { taskSid, status: "completed", disposition: disposition.code };
}
