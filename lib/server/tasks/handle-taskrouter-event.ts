import "server-only";
/**
 * Dispatches a TaskRouter event callback to its handler. Events the app does not store
 * (workflow.*, task-queue.*, activity.*…) are acknowledged and ignored. After the stored state,
 * reservation and wrap-up events settle the agent's activity (multitasking TaskRouter leaves that
 * to the app; see settle-agent-activity.ts).
 * https://www.twilio.com/docs/taskrouter/api/event/reference
 */
import type { Logger } from "@/lib/server/logger";
import type { TaskRouterEvent } from "@/lib/validations/twilio";
import { db } from "@/lib/server/db";
import { settleAgentActivity, type SettleCause } from "@/lib/server/agents/settle-agent-activity";
import { applyReservationEvent } from "./events/reservation-event";
import { applyTaskEvent } from "./events/task-event";
import { applyWorkerActivityEvent } from "./events/worker-activity-event";

const SETTLE_BY_RESERVATION_EVENT: Record<string, SettleCause> = {
  "reservation.created": "reserved",
  "reservation.accepted": "reserved",
  "reservation.rejected": "released",
  "reservation.timeout": "released",
  "reservation.canceled": "released",
  "reservation.rescinded": "released",
};

export async function handleTaskRouterEvent(event: TaskRouterEvent, log: Logger): Promise<void> {
  const type = event.EventType;
  if (type.startsWith("reservation.")) {
    await applyReservationEvent(event);
    const cause = SETTLE_BY_RESERVATION_EVENT[type];
    if (cause && event.WorkerSid) await settle(event.WorkerSid, event.TaskSid ?? null, cause, log, event.WorkerActivityName);
    return;
  }
  if (type.startsWith("task.") && type !== "task.deleted" && type !== "task.system-deleted" && !type.startsWith("task.transfer")) {
    await applyTaskEvent(event);
    if (type === "task.wrapup" && event.TaskSid) {
      const holders = await db.reservation.findMany({ where: { task: { taskSid: event.TaskSid }, status: { in: ["accepted", "wrapping"] } }, select: { workerSid: true } });
      for (const workerSid of new Set(holders.map((h) => h.workerSid))) await settle(workerSid, event.TaskSid, "wrapping", log);
    }
    return;
  }
  if (type === "worker.activity.update") return applyWorkerActivityEvent(event);
  log.debug({ eventType: type }, "TaskRouter event not stored");
}

/** An activity that could not be settled must not make Twilio retry the (already stored) event. */
async function settle(workerSid: string, taskSid: string | null, cause: SettleCause, log: Logger, activityHint?: string) {
  try {
    const next = await settleAgentActivity(workerSid, taskSid, cause, activityHint);
    if (next) log.info({ workerSid, taskSid, cause, activity: next }, "agent activity settled");
  } catch (error) {
    log.warn({ workerSid, taskSid, cause, err: error }, "could not settle the agent's activity");
  }
}
