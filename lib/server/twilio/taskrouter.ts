import "server-only";
/**
 * TaskRouter v1 helpers. Task attribute updates are read-merge-write with `If-Match` (the task's
 * ETag) and retried on 412, so concurrent writers never lose each other's attributes
 * (flex-project-template's rule).
 * https://www.twilio.com/docs/taskrouter/api/task#update-a-task-resource (If-Match)
 * https://www.twilio.com/docs/taskrouter/api/reservations
 * https://www.twilio.com/docs/taskrouter/api/worker#update-a-worker-resource
 */
import { AppError } from "@/lib/errors";
import { getTwilioClient } from "./client";
import { getResourceSid } from "./config";
import { isTwilioRestError, toTwilioAppError, twilioRequest } from "./errors";

const MAX_412_RETRIES = 5;

async function workspace() {
  return getTwilioClient().taskrouter.v1.workspaces(await getResourceSid("workspaceSid"));
}

/** Merges `patch` into the task's attributes (shallow; arrays in `append` are concatenated). */
export async function updateTaskAttributes(
  taskSid: string,
  patch: Record<string, unknown>,
  append: Record<string, unknown[]> = {},
): Promise<Record<string, unknown>> {
  const ws = await workspace();
  for (let attempt = 0; ; attempt++) {
    const fetched = await twilioRequest("read the task", () => ws.tasks(taskSid).fetchWithHttpInfo());
    const etag = fetched.headers.etag ?? fetched.headers.ETag;
    const current = JSON.parse(fetched.body.attributes || "{}") as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...current, ...patch };
    for (const [key, items] of Object.entries(append)) {
      merged[key] = [...(Array.isArray(current[key]) ? (current[key] as unknown[]) : []), ...items];
    }
    try {
      await ws.tasks(taskSid).update({ attributes: JSON.stringify(merged), ...(etag ? { ifMatch: etag } : {}) });
      return merged;
    } catch (error) {
      if (isTwilioRestError(error) && error.status === 412 && attempt < MAX_412_RETRIES) continue;
      if (isTwilioRestError(error) && error.status === 412) {
        throw new AppError("conflict", "The task kept changing while we updated it. Try again.");
      }
      throw toTwilioAppError(error, "update the task");
    }
  }
}

export async function fetchTaskAttributes(taskSid: string): Promise<Record<string, unknown>> {
  const ws = await workspace();
  const task = await twilioRequest("read the task", () => ws.tasks(taskSid).fetch());
  return JSON.parse(task.attributes || "{}") as Record<string, unknown>;
}

export async function setTaskAssignmentStatus(taskSid: string, status: "wrapping" | "completed" | "canceled", reason: string): Promise<void> {
  const ws = await workspace();
  await twilioRequest(`mark the task ${status}`, () => ws.tasks(taskSid).update({ assignmentStatus: status, reason }));
}

/** The task's assignment status at TaskRouter now. */
export async function fetchTaskAssignmentStatus(taskSid: string): Promise<string> {
  const ws = await workspace();
  const task = await twilioRequest("read the task", () => ws.tasks(taskSid).fetch());
  return task.assignmentStatus;
}

/**
 * Ends a task whatever TaskRouter's state of it is now (ours may lag behind its event callbacks):
 * a task not assigned yet is canceled, an assigned or wrapping one completed, a finished one left
 * alone. When it moved on between the read and the update (e.g. got assigned), read it again.
 * https://www.twilio.com/docs/taskrouter/lifecycle-task-state
 */
export async function endTask(taskSid: string, reason: string): Promise<"canceled" | "completed" | null> {
  const ws = await workspace();
  for (let attempt = 0; ; attempt++) {
    const task = await twilioRequest("read the task", () => ws.tasks(taskSid).fetch());
    const status = task.assignmentStatus;
    const next = status === "pending" || status === "reserved" ? "canceled" : status === "assigned" || status === "wrapping" ? "completed" : null;
    if (!next) return null;
    try {
      await ws.tasks(taskSid).update({ assignmentStatus: next, reason });
      return next;
    } catch (error) {
      if (attempt < 2 && isTwilioRestError(error) && error.status === 400) continue;
      throw toTwilioAppError(error, `mark the task ${next}`);
    }
  }
}

export async function updateReservationStatus(
  taskSid: string,
  reservationSid: string,
  status: "accepted" | "rejected",
  workerActivitySid?: string,
): Promise<void> {
  const ws = await workspace();
  await twilioRequest(`${status === "accepted" ? "accept" : "reject"} the reservation`, () =>
    ws
      .tasks(taskSid)
      .reservations(reservationSid)
      .update({ reservationStatus: status, ...(workerActivitySid ? { workerActivitySid } : {}) }),
  );
}

/**
 * Moves a worker to an activity. `rejectPendingReservations` is only valid when the new activity is
 * unavailable (Twilio answers 400 otherwise), so it is opt-in.
 * https://www.twilio.com/docs/taskrouter/api/worker#update-a-worker-resource
 */
export async function setWorkerActivity(workerSid: string, activitySid: string, options: { rejectPendingReservations?: boolean } = {}): Promise<void> {
  const ws = await workspace();
  await twilioRequest("change the agent's activity", () =>
    ws.workers(workerSid).update({ activitySid, ...(options.rejectPendingReservations ? { rejectPendingReservations: true } : {}) }),
  );
}

/**
 * The worker's current activity name (multitasking workspaces leave activities to the app, which
 * checks where the agent is before moving them).
 */
export async function fetchWorkerActivityName(workerSid: string): Promise<string> {
  const ws = await workspace();
  const worker = await twilioRequest("read the agent's activity", () => ws.workers(workerSid).fetch());
  return worker.activityName;
}

/**
 * Sets how many voice tasks TaskRouter may give the worker at once (the `voice` Worker Channel's
 * capacity; the channel is addressed by its unique name). Only multitasking workspaces use it.
 * https://www.twilio.com/docs/taskrouter/api/worker-channel#update-a-workerchannel-resource
 */
export async function setWorkerVoiceCapacity(workerSid: string, capacity: number): Promise<void> {
  const ws = await workspace();
  await twilioRequest("change the agent's voice capacity", () => ws.workers(workerSid).workerChannels("voice").update({ capacity }));
}

/**
 * The worker's activity and whether it has spare voice capacity (the worker channel's
 * available_capacity_percentage; TaskRouter only reserves available workers with capacity).
 * https://www.twilio.com/docs/taskrouter/api/worker-channel
 */
export async function readWorkerVoiceState(workerSid: string): Promise<{ available: boolean; activitySid: string; hasCapacity: boolean }> {
  const ws = await workspace();
  const worker = await twilioRequest("read the agent's worker", () => ws.workers(workerSid).fetch());
  const channel = await twilioRequest("read the agent's voice capacity", () => ws.workers(workerSid).workerChannels("voice").fetch());
  return { available: worker.available, activitySid: worker.activitySid, hasCapacity: channel.available && channel.availableCapacityPercentage > 0 };
}

/** Waits until TaskRouter has assigned the task (e.g. its assignment callback answered `accept`). */
export async function waitForTaskAssigned(taskSid: string, timeoutMs = 8000): Promise<boolean> {
  const ws = await workspace();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await twilioRequest("read the task", () => ws.tasks(taskSid).fetch());
    if (task.assignmentStatus === "assigned") return true;
    if (task.assignmentStatus !== "pending" && task.assignmentStatus !== "reserved") return false;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
