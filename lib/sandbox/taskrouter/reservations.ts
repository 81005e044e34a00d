/**
 * Reservation and task lifecycle (contract §4.3, https://www.twilio.com/docs/taskrouter/lifecycle-task-state,
 * /api/reservations):
 *   task pending → reserved → assigned → wrapping → completed, or canceled before assignment;
 *   reservation pending → accepted | rejected | timeout | canceled | rescinded, then wrapping → completed.
 * A rejected or timed-out reservation sends the task back to pending (when no other reservation
 * of it is pending) and the router offers it again; a timeout also moves the worker to the
 * workspace's TimeoutActivity.
 */
import type { TaskRouterEngine } from "./engine";
import { invalid } from "./errors";
import { runAssignment } from "./instructions";
import type { Reservation, Task, TaskQueue, Worker } from "./model";
import { advance, cancelTask, scheduleDeletion } from "./routing";
import { setWorkerActivity } from "./workers";

/** Twilio cancels a task after this many reservations. */
const MAX_RESERVATIONS = 1000;

export function createReservation(
  engine: TaskRouterEngine,
  task: Task,
  worker: Worker,
  queue: TaskQueue,
): Reservation {
  const workspace = engine.workspace(task.workspaceSid);
  const workflow = engine.workflow(task.workspaceSid, task.workflowSid);
  const now = engine.now();
  const reservation: Reservation = {
    sid: engine.newSid("WR"),
    workspaceSid: task.workspaceSid,
    taskSid: task.sid,
    workerSid: worker.sid,
    taskQueueSid: queue.sid,
    status: "pending",
    timeout: workflow.taskReservationTimeout,
    dateCreated: now,
    dateUpdated: now,
    version: 0,
    workerPreviousActivitySid: worker.activitySid,
    canceledReasonCode: null,
  };
  engine.state.reservations.set(reservation.sid, reservation);
  if (task.assignmentStatus === "pending") {
    task.assignmentStatus = "reserved";
    task.reservationCount += 1;
    task.version += 1;
    task.dateUpdated = now;
  }
  const channel = engine.workerChannel(worker.sid, task.taskChannelSid);
  if (channel) channel.lastReservedTime = now;
  // A new reservation changes the worker (twilio-taskrouter bumps its local version on
  // reservation.created and sends it as If-Match).
  worker.version += 1;
  if (!workspace.multiTaskEnabled && queue.reservationActivitySid)
    setWorkerActivity(engine, worker, queue.reservationActivitySid);
  engine.setTimer(`reservation:${reservation.sid}`, now + reservation.timeout * 1000, () =>
    timeoutReservation(engine, reservation.sid),
  );
  void runAssignment(engine, reservation.sid);
  return reservation;
}

function requirePending(reservation: Reservation): void {
  if (reservation.status !== "pending") {
    throw invalid(
      `Reservation ${reservation.sid} is ${reservation.status}; only a pending reservation can be accepted or rejected`,
    );
  }
}

function context(engine: TaskRouterEngine, reservation: Reservation) {
  const workspace = engine.workspace(reservation.workspaceSid);
  const task = engine.task(reservation.workspaceSid, reservation.taskSid);
  const worker = engine.worker(reservation.workspaceSid, reservation.workerSid);
  const queue = reservation.taskQueueSid
    ? (engine.state.taskQueues.get(reservation.taskQueueSid) ?? null)
    : null;
  return { workspace, task, worker, queue };
}

function touch(engine: TaskRouterEngine, item: { dateUpdated: number; version: number }): void {
  item.dateUpdated = engine.now();
  item.version += 1;
}

/**
 * A reservation that ends (rejected, timed out, rescinded, completed) engaged the worker until
 * now: longest-idle routing counts idle time from here, so the next offer goes to someone else.
 */
function markEngaged(engine: TaskRouterEngine, reservation: Reservation): void {
  const task = engine.state.tasks.get(reservation.taskSid);
  const channel = task
    ? engine.workerChannel(reservation.workerSid, task.taskChannelSid)
    : undefined;
  if (channel) channel.lastReservedTime = engine.now();
}

export function acceptReservation(engine: TaskRouterEngine, reservation: Reservation): void {
  requirePending(reservation);
  const { workspace, task, worker, queue } = context(engine, reservation);
  engine.clearTimer(`reservation:${reservation.sid}`);
  reservation.status = "accepted";
  touch(engine, reservation);
  task.assignmentStatus = "assigned";
  task.routing.timedOut = false;
  touch(engine, task);
  // TTL and routing steps only apply until the task is assigned.
  engine.clearTimer(`step:${task.sid}`);
  engine.clearTimer(`ttl:${task.sid}`);
  engine.events.publish("reservation.accepted", { workspace, task, reservation, worker, queue });
  for (const other of engine.reservationsOfTask(task.sid)) {
    if (other.sid === reservation.sid || other.status !== "pending") continue;
    engine.clearTimer(`reservation:${other.sid}`);
    other.status = "rescinded";
    touch(engine, other);
    markEngaged(engine, other);
    engine.events.publish("reservation.rescinded", {
      workspace,
      task,
      reservation: other,
      worker: engine.state.workers.get(other.workerSid),
      queue,
    });
    restoreReservedWorker(engine, other);
  }
  if (!workspace.multiTaskEnabled && queue?.assignmentActivitySid)
    setWorkerActivity(engine, worker, queue.assignmentActivitySid);
}

export function rejectReservation(
  engine: TaskRouterEngine,
  reservation: Reservation,
  activitySid?: string | null,
): void {
  requirePending(reservation);
  const { workspace, task, worker, queue } = context(engine, reservation);
  if (activitySid) engine.activity(workspace.sid, activitySid);
  engine.clearTimer(`reservation:${reservation.sid}`);
  reservation.status = "rejected";
  touch(engine, reservation);
  markEngaged(engine, reservation);
  engine.events.publish("reservation.rejected", { workspace, task, reservation, worker, queue });
  if (activitySid) setWorkerActivity(engine, worker, activitySid);
  else restoreReservedWorker(engine, reservation);
  afterReservationEnded(engine, task);
}

export function timeoutReservation(engine: TaskRouterEngine, reservationSid: string): void {
  const reservation = engine.state.reservations.get(reservationSid);
  if (!reservation || reservation.status !== "pending") return;
  const { workspace, task, worker, queue } = context(engine, reservation);
  reservation.status = "timeout";
  touch(engine, reservation);
  markEngaged(engine, reservation);
  engine.events.publish("reservation.timeout", { workspace, task, reservation, worker, queue });
  setWorkerActivity(engine, worker, workspace.timeoutActivitySid);
  afterReservationEnded(engine, task);
  engine.dispatch(workspace.sid);
}

/** Single-tasking: a worker moved to the queue's ReservationActivity goes back where it was. */
function restoreReservedWorker(engine: TaskRouterEngine, reservation: Reservation): void {
  const workspace = engine.workspace(reservation.workspaceSid);
  const queue = reservation.taskQueueSid
    ? engine.state.taskQueues.get(reservation.taskQueueSid)
    : undefined;
  const worker = engine.state.workers.get(reservation.workerSid);
  if (workspace.multiTaskEnabled || !queue?.reservationActivitySid || !worker) return;
  if (
    worker.activitySid === queue.reservationActivitySid &&
    engine.state.activities.has(reservation.workerPreviousActivitySid)
  ) {
    setWorkerActivity(engine, worker, reservation.workerPreviousActivitySid);
  }
}

/** A reservation ended without acceptance: with none left pending, the task waits again. */
function afterReservationEnded(engine: TaskRouterEngine, task: Task): void {
  if (task.assignmentStatus !== "reserved") return;
  if (engine.reservationsOfTask(task.sid).some((reservation) => reservation.status === "pending"))
    return;
  task.assignmentStatus = "pending";
  touch(engine, task);
  if (task.reservationCount >= MAX_RESERVATIONS) {
    cancelTask(engine, task, "Task reached the maximum number of reservations");
    return;
  }
  if (task.routing.timedOut) {
    task.routing.timedOut = false;
    advance(engine, task, "timeout");
  }
}

/** Moves an assigned task to wrapping (REST, reservation update, or its call ended). */
export function wrapTask(engine: TaskRouterEngine, task: Task, reason: string | null): void {
  if (task.assignmentStatus !== "assigned") {
    throw invalid(
      `Task ${task.sid} is ${task.assignmentStatus}; only an assigned task can be moved to wrapping`,
    );
  }
  const workspace = engine.workspace(task.workspaceSid);
  task.assignmentStatus = "wrapping";
  if (reason !== null) task.reason = reason;
  touch(engine, task);
  engine.events.publish("task.wrapup", { workspace, task });
  for (const reservation of engine.reservationsOfTask(task.sid)) {
    if (reservation.status !== "accepted") continue;
    reservation.status = "wrapping";
    touch(engine, reservation);
    engine.events.publish("reservation.wrapup", {
      workspace,
      task,
      reservation,
      worker: engine.state.workers.get(reservation.workerSid),
    });
  }
  applyPostWorkActivity(engine, task);
}

export function completeTask(engine: TaskRouterEngine, task: Task, reason: string): void {
  if (task.assignmentStatus !== "assigned" && task.assignmentStatus !== "wrapping") {
    throw invalid(
      `Task ${task.sid} is ${task.assignmentStatus}; only an assigned or wrapping task can be completed`,
    );
  }
  const workspace = engine.workspace(task.workspaceSid);
  const now = engine.now();
  task.assignmentStatus = "completed";
  task.reason = reason;
  task.terminalAt = now;
  touch(engine, task);
  engine.events.publish("task.completed", { workspace, task });
  for (const reservation of engine.reservationsOfTask(task.sid)) {
    if (reservation.status !== "accepted" && reservation.status !== "wrapping") continue;
    reservation.status = "completed";
    touch(engine, reservation);
    markEngaged(engine, reservation);
    engine.events.publish("reservation.completed", {
      workspace,
      task,
      reservation,
      worker: engine.state.workers.get(reservation.workerSid),
    });
  }
  applyPostWorkActivity(engine, task);
  engine.events.publish("task.updated", { workspace, task });
  scheduleDeletion(engine, task);
}

/** dequeue / conference `post_work_activity_sid`: applied when the task leaves `assigned`. */
function applyPostWorkActivity(engine: TaskRouterEngine, task: Task): void {
  const activitySid = task.postWorkActivitySid;
  if (!activitySid) return;
  task.postWorkActivitySid = null;
  if (!engine.state.activities.has(activitySid)) return;
  for (const reservation of engine.reservationsOfTask(task.sid)) {
    if (reservation.status !== "wrapping" && reservation.status !== "completed") continue;
    const worker = engine.state.workers.get(reservation.workerSid);
    if (worker) setWorkerActivity(engine, worker, activitySid);
  }
}
