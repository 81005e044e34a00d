/**
 * Routing (contract §4.1/§4.3, https://www.twilio.com/docs/taskrouter/workflow-configuration,
 * /lifecycle-task-workflows-and-assignment, /task-evaluation, /worker-presence):
 * - filters top to bottom, first match wins; `default_filter` only when none matched (or the
 *   task skipped out of a filter through skip_if);
 * - targets in order; the next one is reached by the previous one's `timeout` or `skip_if`;
 *   timeouts add up from when the task entered the filter (Twilio ages them); a timeout that
 *   passes while a reservation is pending moves the task once the reservation ends;
 * - past the last target the task falls off the workflow and is canceled (`workflow.timeout`);
 * - eligible workers: in the target queue (TargetWorkers), matching the target expression and
 *   the known worker, available, with capacity; ordered by `order_by`, then longest idle.
 */
import type { TaskRouterEngine } from "./engine";
import { attributesResolver, evaluate, lookupPath, type Resolver } from "./expression";
import { isTerminalTask, parseAttributes, type Task, type TaskQueue, type Worker } from "./model";
import { createReservation } from "./reservations";
import type { WorkflowTarget } from "./workflow-config";
import { hasCapacityFor, idleSince } from "./workers";

const DELETE_AFTER_MS = 5 * 60 * 1000;

export function installRouting(engine: TaskRouterEngine): void {
  engine.dispatcher = dispatchWorkspace;
}

// ─────────────────────────── workflow position ───────────────────────────

export function currentTarget(engine: TaskRouterEngine, task: Task): WorkflowTarget | null {
  const workflow = engine.state.workflows.get(task.workflowSid);
  if (!workflow) return null;
  const { filter, target } = task.routing;
  if (filter === null) return null;
  if (filter === "default") return workflow.config.defaultFilter;
  return workflow.config.filters[filter]?.targets[target] ?? null;
}

/**
 * Puts a task (new, or pending with new attributes) through its workflow from the top.
 * `onCreated` runs between `task-queue.entered` and `workflow.target-matched`, where Twilio
 * sends `task.created`.
 */
export function enterWorkflow(engine: TaskRouterEngine, task: Task, onCreated?: () => void): void {
  const workspace = engine.workspace(task.workspaceSid);
  const workflow = engine.state.workflows.get(task.workflowSid);
  engine.events.publish("workflow.entered", { workspace, task, workflow });
  task.routing = { filter: null, target: 0, filterEnteredAt: engine.now(), timedOut: false };
  selectFilter(engine, task, 0, onCreated);
}

function selectFilter(
  engine: TaskRouterEngine,
  task: Task,
  fromIndex: number,
  onCreated?: () => void,
): void {
  const workflow = engine.state.workflows.get(task.workflowSid);
  if (!workflow) return;
  const resolve = attributesResolver(parseAttributes(task.attributes));
  const filters = workflow.config.filters;
  for (let index = fromIndex; index < filters.length; index++) {
    const filter = filters[index];
    if (filter && evaluate(filter.expression, resolve)) {
      enterTarget(engine, task, index, 0, onCreated);
      return;
    }
  }
  if (workflow.config.defaultFilter) {
    enterTarget(engine, task, "default", 0, onCreated);
    return;
  }
  // No filter and no default filter: the task waits, in no queue, until its TTL.
  task.routing = { filter: null, target: 0, filterEnteredAt: engine.now(), timedOut: false };
  onCreated?.();
  engine.ctx.debugger.report({
    level: "warning",
    code: 0,
    message: `Task ${task.sid} matched no filter of Workflow ${workflow.sid}, which has no default_filter; it waits until its TTL`,
    resourceSid: task.sid,
  });
}

function enterTarget(
  engine: TaskRouterEngine,
  task: Task,
  filter: number | "default",
  targetIndex: number,
  onCreated?: () => void,
): void {
  const workspace = engine.workspace(task.workspaceSid);
  const workflow = engine.workflow(task.workspaceSid, task.workflowSid);
  const now = engine.now();
  if (task.routing.filter !== filter) task.routing.filterEnteredAt = now;
  task.routing.filter = filter;
  task.routing.target = targetIndex;
  task.routing.timedOut = false;
  const target = currentTarget(engine, task);
  if (!target) return;
  if (target.priority !== null) task.priority = target.priority;
  const queue = engine.taskQueue(task.workspaceSid, target.queue);
  if (task.taskQueueSid !== queue.sid) {
    const previous = task.taskQueueSid ? engine.state.taskQueues.get(task.taskQueueSid) : undefined;
    task.taskQueueSid = queue.sid;
    task.taskQueueEnteredDate = now;
    engine.events.publish("task-queue.entered", { workspace, task, queue });
    if (previous) {
      engine.events.publish("task-queue.moved", {
        workspace,
        task,
        queue,
        extra: [
          ["TaskQueuePreviousSid", previous.sid],
          ["TaskQueuePreviousName", previous.friendlyName],
        ],
      });
    }
  }
  task.dateUpdated = now;
  onCreated?.();
  const filterConfig = filter === "default" ? null : workflow.config.filters[filter];
  engine.events.publish("workflow.target-matched", {
    workspace,
    task,
    queue,
    workflow,
    extra: [
      [
        "WorkflowFilterName",
        filter === "default" ? "Default Filter" : (filterConfig?.friendlyName ?? ""),
      ],
      ["WorkflowFilterExpression", filterConfig?.expression ?? ""],
      ["WorkflowFilterTargetExpression", target.expression ?? ""],
    ],
  });
  armStepTimer(engine, task);
  const reserved = reserveFor(engine, task);
  // skip_if is evaluated only when no reservation could be created right away.
  if (reserved === 0 && target.skipIf && evaluate(target.skipIf, skipIfResolver(engine, queue))) {
    engine.events.publish("workflow.skipped", { workspace, task, queue, workflow });
    advance(engine, task, "skip");
  }
}

/** Leaves the current target: to the next one, to the next filters (skip), or off the workflow. */
export function advance(engine: TaskRouterEngine, task: Task, reason: "timeout" | "skip"): void {
  const workflow = engine.state.workflows.get(task.workflowSid);
  const { filter, target } = task.routing;
  if (!workflow || filter === null || filter === "default") return;
  const workspace = engine.workspace(task.workspaceSid);
  const queue = task.taskQueueSid ? (engine.state.taskQueues.get(task.taskQueueSid) ?? null) : null;
  engine.clearTimer(`step:${task.sid}`);
  if (reason === "timeout") engine.events.publish("task-queue.timeout", { workspace, task, queue });
  const targets = workflow.config.filters[filter]?.targets ?? [];
  if (target + 1 < targets.length) {
    enterTarget(engine, task, filter, target + 1);
  } else if (reason === "skip") {
    // A task that skips out of a filter is treated as not matching it (worker-presence docs).
    selectFilter(engine, task, filter + 1);
  } else {
    engine.events.publish("workflow.timeout", { workspace, task, workflow });
    cancelTask(engine, task, "Workflow Timeout");
  }
}

/** Deadline of the current target: the filter's entry time plus the timeouts up to this one. */
export function stepDeadline(engine: TaskRouterEngine, task: Task): number | null {
  const workflow = engine.state.workflows.get(task.workflowSid);
  const { filter, target } = task.routing;
  if (!workflow || filter === null || filter === "default") return null;
  const targets = workflow.config.filters[filter]?.targets ?? [];
  const current = targets[target];
  if (!current || current.timeout === null) return null;
  const total = targets.slice(0, target + 1).reduce((sum, t) => sum + (t.timeout ?? 0), 0);
  return task.routing.filterEnteredAt + total * 1000;
}

export function armStepTimer(engine: TaskRouterEngine, task: Task): void {
  engine.clearTimer(`step:${task.sid}`);
  const due = stepDeadline(engine, task);
  if (due === null) return;
  engine.setTimer(`step:${task.sid}`, due, () => {
    const current = engine.state.tasks.get(task.sid);
    if (!current) return;
    if (current.assignmentStatus === "pending") {
      advance(engine, current, "timeout");
      engine.dispatch(current.workspaceSid);
    } else if (current.assignmentStatus === "reserved") {
      current.routing.timedOut = true;
    }
  });
}

// ─────────────────────────── workers for a target ───────────────────────────

export function queueMembers(engine: TaskRouterEngine, queue: TaskQueue): Worker[] {
  const expression = queue.targetWorkers.trim();
  // An empty TargetWorkers matches nobody (tasks wait forever), as on Twilio.
  if (expression === "") return [];
  return engine
    .inWorkspace(engine.state.workers, queue.workspaceSid)
    .filter((worker) =>
      safeEvaluate(engine, expression, attributesResolver(parseAttributes(worker.attributes))),
    );
}

function safeEvaluate(engine: TaskRouterEngine, expression: string, resolve: Resolver): boolean {
  try {
    return evaluate(expression, resolve);
  } catch (error) {
    engine.ctx.log.warn("taskrouter expression failed", { expression, error: String(error) });
    return false;
  }
}

/** The `task.` / `worker.` resolver of target expressions. */
export function targetResolver(engine: TaskRouterEngine, task: Task, worker: Worker): Resolver {
  const taskAttributes = parseAttributes(task.attributes);
  const workerAttributes = parseAttributes(worker.attributes);
  const activity = engine.state.activities.get(worker.activitySid);
  const workerFields: Record<string, unknown> = {
    sid: worker.sid,
    friendly_name: worker.friendlyName,
    activity_sid: worker.activitySid,
    activity_name: activity?.friendlyName,
  };
  return (path) => {
    const [root, ...rest] = path;
    if (root === "task") return lookupPath(taskAttributes, rest);
    if (root === "worker") {
      const [field] = rest;
      if (rest.length === 1 && typeof field === "string" && field in workerFields)
        return workerFields[field];
      return lookupPath(workerAttributes, rest);
    }
    return undefined;
  };
}

/** `workers.available`, `workers.unavailable`, `workers.WA…` for skip_if, counted in the target queue. */
export function skipIfResolver(engine: TaskRouterEngine, queue: TaskQueue): Resolver {
  const members = queueMembers(engine, queue);
  return (path) => {
    if (path[0] !== "workers" || typeof path[1] !== "string") return undefined;
    const key = path[1];
    if (key === "available" || key === "unavailable") {
      const wantAvailable = key === "available";
      return members.filter(
        (worker) =>
          (engine.state.activities.get(worker.activitySid)?.available === true) === wantAvailable,
      ).length;
    }
    return members.filter((worker) => worker.activitySid === key).length;
  };
}

/**
 * Workers that match the target (queue, known worker, expression, routing target), in the order
 * they are offered the task. With `requireCapacity`, only those who can take it now.
 */
export function targetWorkers(
  engine: TaskRouterEngine,
  task: Task,
  target: WorkflowTarget,
  requireCapacity: boolean,
): Worker[] {
  const queue = engine.state.taskQueues.get(target.queue);
  if (!queue) return [];
  let members = queueMembers(engine, queue);
  const taskAttributes = parseAttributes(task.attributes);
  const known = target.knownWorkerSid ?? target.knownWorkerFriendlyName;
  if (known) {
    const value = lookupPath(taskAttributes, known.slice("task.".length).split("."));
    // A null / missing attribute simply means there is no known worker (no debugger noise).
    if (value === null || value === undefined) return [];
    const matches = (worker: Worker) =>
      target.knownWorkerSid ? worker.sid === value : worker.friendlyName === value;
    const inQueue = members.filter(matches);
    if (inQueue.length === 0) {
      engine.reportOnce(`40152:${task.sid}:${queue.sid}:${String(value)}`, {
        level: "error",
        code: 40152,
        message: `Known worker ${String(value)} of Task ${task.sid} is not a member of TaskQueue ${queue.sid}`,
        resourceSid: task.sid,
      });
    }
    members = inQueue;
  }
  if (task.routingTarget?.startsWith("WK"))
    members = members.filter((worker) => worker.sid === task.routingTarget);
  if (target.expression) {
    const expression = target.expression;
    members = members.filter((worker) =>
      safeEvaluate(engine, expression, targetResolver(engine, task, worker)),
    );
  }
  if (requireCapacity) members = members.filter((worker) => hasCapacityFor(engine, worker, task));
  return orderWorkers(engine, members, target, task);
}

function orderWorkers(
  engine: TaskRouterEngine,
  workers: Worker[],
  target: WorkflowTarget,
  task: Task,
): Worker[] {
  const keyed = workers.map((worker) => {
    const attributes = parseAttributes(worker.attributes);
    const values = target.orderBy.map((clause) => {
      const value = lookupPath(attributes, clause.attribute);
      // order_by only sorts on integers; anything else sorts last.
      return typeof value === "number" && Number.isInteger(value) ? value : null;
    });
    return { worker, values, idle: idleSince(engine, worker, task.taskChannelSid) };
  });
  keyed.sort((a, b) => {
    for (let index = 0; index < target.orderBy.length; index++) {
      const x = a.values[index] ?? null;
      const y = b.values[index] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return target.orderBy[index]?.direction === "DESC" ? y - x : x - y;
    }
    return a.idle - b.idle || a.worker.dateCreated - b.worker.dateCreated;
  });
  return keyed.map((entry) => entry.worker);
}

/** Creates as many reservations as the queue allows for a waiting task. Returns how many. */
export function reserveFor(engine: TaskRouterEngine, task: Task): number {
  if (task.assignmentStatus !== "pending" && task.assignmentStatus !== "reserved") return 0;
  const target = currentTarget(engine, task);
  if (!target) return 0;
  const queue = engine.state.taskQueues.get(target.queue);
  if (!queue) return 0;
  const pending = engine
    .reservationsOfTask(task.sid)
    .filter((reservation) => reservation.status === "pending");
  let room = queue.maxReservedWorkers - pending.length;
  let made = 0;
  for (const worker of targetWorkers(engine, task, target, true)) {
    if (room <= 0) break;
    if (pending.some((reservation) => reservation.workerSid === worker.sid)) continue;
    // Capacity changes as reservations are created: ask again for each worker.
    if (!hasCapacityFor(engine, worker, task)) continue;
    createReservation(engine, task, worker, queue);
    room--;
    made++;
  }
  return made;
}

/** Matches waiting tasks with free workers: higher priority first, then by age (queue TaskOrder). */
function dispatchWorkspace(engine: TaskRouterEngine, workspaceSid: string): void {
  const workspace = engine.state.workspaces.get(workspaceSid);
  if (!workspace) return;
  const waiting = engine
    .inWorkspace(engine.state.tasks, workspaceSid)
    .filter(
      (task) =>
        (task.assignmentStatus === "pending" || task.assignmentStatus === "reserved") &&
        !task.routing.timedOut,
    );
  const lifo = (task: Task) =>
    (task.taskQueueSid
      ? engine.state.taskQueues.get(task.taskQueueSid)?.taskOrder === "LIFO"
      : false) || workspace.prioritizeQueueOrder === "LIFO";
  waiting.sort((a, b) => {
    if (a.priority !== b.priority) return b.priority - a.priority;
    const newestFirst =
      a.taskQueueSid === b.taskQueueSid ? lifo(a) : workspace.prioritizeQueueOrder === "LIFO";
    const age = a.virtualStartTime - b.virtualStartTime || a.dateCreated - b.dateCreated;
    return newestFirst ? -age : age;
  });
  for (const task of waiting) reserveFor(engine, task);
}

// ─────────────────────────── TTL, cancel, deletion ───────────────────────────

export function armTtl(engine: TaskRouterEngine, task: Task): void {
  engine.setTimer(`ttl:${task.sid}`, task.dateCreated + task.timeout * 1000, () => {
    const current = engine.state.tasks.get(task.sid);
    if (
      !current ||
      (current.assignmentStatus !== "pending" && current.assignmentStatus !== "reserved")
    )
      return;
    cancelTask(engine, current, "Task TTL Exceeded");
    engine.dispatch(current.workspaceSid);
  });
}

/** Cancels a task that is not assigned yet: its pending reservations are canceled first. */
export function cancelTask(engine: TaskRouterEngine, task: Task, reason: string): void {
  if (isTerminalTask(task)) return;
  const workspace = engine.workspace(task.workspaceSid);
  const now = engine.now();
  engine.clearTimer(`step:${task.sid}`);
  engine.clearTimer(`ttl:${task.sid}`);
  task.assignmentStatus = "canceled";
  task.reason = reason;
  task.terminalAt = now;
  task.dateUpdated = now;
  task.version += 1;
  for (const reservation of engine.reservationsOfTask(task.sid)) {
    if (reservation.status !== "pending") continue;
    engine.clearTimer(`reservation:${reservation.sid}`);
    reservation.status = "canceled";
    reservation.dateUpdated = now;
    reservation.version += 1;
    const worker = engine.state.workers.get(reservation.workerSid);
    engine.events.publish("reservation.canceled", { workspace, task, reservation, worker });
  }
  engine.events.publish("task.canceled", { workspace, task });
  scheduleDeletion(engine, task);
}

/** Completed and canceled tasks are deleted five minutes later (lifecycle-task-state). */
export function scheduleDeletion(engine: TaskRouterEngine, task: Task): void {
  if (task.terminalAt === null) return;
  engine.setTimer(`delete:${task.sid}`, task.terminalAt + DELETE_AFTER_MS, () => {
    const current = engine.state.tasks.get(task.sid);
    if (!current) return;
    const workspace = engine.state.workspaces.get(current.workspaceSid);
    if (workspace) engine.events.publish("task.system-deleted", { workspace, task: current });
    removeTask(engine, current.sid);
  });
}

export function removeTask(engine: TaskRouterEngine, taskSid: string): void {
  for (const reservation of engine.reservationsOfTask(taskSid)) {
    engine.clearTimer(`reservation:${reservation.sid}`);
    engine.state.reservations.delete(reservation.sid);
  }
  for (const key of ["step", "ttl", "delete"]) engine.clearTimer(`${key}:${taskSid}`);
  engine.state.tasks.delete(taskSid);
}
