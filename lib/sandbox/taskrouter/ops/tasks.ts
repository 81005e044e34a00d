/**
 * Tasks and Reservations. https://www.twilio.com/docs/taskrouter/api/task, /api/reservations
 */
import type { TaskRouterEngine } from "../engine";
import { invalid, notFound } from "../errors";
import { attributesResolver, evaluate, ExpressionError, validateExpression } from "../expression";
import { instructionFromRest, prepareInstruction } from "../instructions";
import {
  isTerminalTask,
  parseAttributes,
  type AssignmentStatus,
  type Reservation,
  type Task,
} from "../model";
import { acceptReservation, completeTask, rejectReservation, wrapTask } from "../reservations";
import { armTtl, cancelTask, enterWorkflow, removeTask } from "../routing";
import { checkVersion } from "./workers";
import {
  attributesParam,
  dateParam,
  integerParam,
  oneOf,
  param,
  params,
  type Form,
} from "./params";

const MAX_PRIORITY = 2147483647;
const MAX_TTL = 1209600;

export function createTask(engine: TaskRouterEngine, workspaceSid: string, form: Form): Task {
  const workspace = engine.workspace(workspaceSid);
  let workflowSid = param(form, "WorkflowSid");
  if (!workflowSid) {
    // WorkflowSid may be omitted when the workspace has exactly one workflow.
    const workflows = engine.inWorkspace(engine.state.workflows, workspaceSid);
    if (workflows.length !== 1 || !workflows[0])
      throw invalid("Missing required parameter WorkflowSid in the post body");
    workflowSid = workflows[0].sid;
  }
  engine.workflow(workspaceSid, workflowSid);
  const channelName =
    param(form, "TaskChannel") ??
    param(form, "TaskChannelUniqueName") ??
    param(form, "TaskChannelSid") ??
    "default";
  const channel = engine.taskChannel(workspaceSid, channelName);
  const now = engine.now();
  const task: Task = {
    sid: engine.newSid("WT"),
    workspaceSid,
    workflowSid,
    attributes: attributesParam(form) ?? "{}",
    priority: integerParam(form, "Priority", 0, MAX_PRIORITY) ?? 0,
    timeout: integerParam(form, "Timeout", 1, MAX_TTL) ?? 86400,
    taskChannelSid: channel.sid,
    assignmentStatus: "pending",
    reason: null,
    taskQueueSid: null,
    taskQueueEnteredDate: null,
    dateCreated: now,
    dateUpdated: now,
    virtualStartTime: dateParam(form, "VirtualStartTime") ?? now,
    routingTarget: param(form, "RoutingTarget") || null,
    version: 0,
    routing: { filter: null, target: 0, filterEnteredAt: now, timedOut: false },
    reservationCount: 0,
    terminalAt: null,
    postWorkActivitySid: null,
  };
  engine.state.tasks.set(task.sid, task);
  armTtl(engine, task);
  let announced = false;
  enterWorkflow(engine, task, () => {
    if (announced) return;
    announced = true;
    engine.events.publish("task.created", { workspace, task });
  });
  engine.dispatch(workspaceSid);
  return task;
}

export function updateTask(
  engine: TaskRouterEngine,
  workspaceSid: string,
  taskSid: string,
  form: Form,
  ifMatch?: string,
): Task {
  const workspace = engine.workspace(workspaceSid);
  const task = engine.task(workspaceSid, taskSid);
  checkVersion("Task", task.version, ifMatch);
  const status = oneOf(form, "AssignmentStatus", [
    "pending",
    "reserved",
    "assigned",
    "canceled",
    "completed",
    "wrapping",
  ] as const);
  const reason = param(form, "Reason");
  const attributes = attributesParam(form);
  const priority = integerParam(form, "Priority", 0, MAX_PRIORITY);
  const channelName = param(form, "TaskChannel");
  const channel = channelName ? engine.taskChannel(workspaceSid, channelName) : null;
  const virtualStart = dateParam(form, "VirtualStartTime");
  if (status && !["canceled", "completed", "wrapping"].includes(status)) {
    throw invalid(
      `AssignmentStatus can only be set to canceled, completed or wrapping, not ${status}`,
    );
  }
  if ((status === "canceled" || status === "completed") && !reason) {
    throw invalid(`Reason is required when setting AssignmentStatus to ${status}`);
  }
  if (
    status === "canceled" &&
    task.assignmentStatus !== "pending" &&
    task.assignmentStatus !== "reserved"
  ) {
    throw invalid(
      `Task ${taskSid} is ${task.assignmentStatus}; only a pending or reserved task can be canceled`,
    );
  }
  if (isTerminalTask(task) && (attributes !== undefined || priority !== undefined || channel)) {
    throw invalid(`Task ${taskSid} is ${task.assignmentStatus} and can no longer be updated`);
  }
  let changed = false;
  if (attributes !== undefined && attributes !== task.attributes) {
    task.attributes = attributes;
    changed = true;
  }
  if (priority !== undefined && priority !== task.priority) {
    task.priority = priority;
    changed = true;
  }
  if (channel && channel.sid !== task.taskChannelSid) {
    task.taskChannelSid = channel.sid;
    changed = true;
  }
  if (virtualStart !== undefined) {
    task.virtualStartTime = virtualStart;
    changed = true;
  }
  if (changed) {
    task.dateUpdated = engine.now();
    task.version += 1;
    engine.events.publish("task.updated", { workspace, task });
    // A waiting task with new attributes goes through its workflow again.
    if (attributes !== undefined && task.assignmentStatus === "pending") {
      engine.clearTimer(`step:${task.sid}`);
      enterWorkflow(engine, task);
    }
  }
  if (status === "canceled") cancelTask(engine, task, reason ?? "");
  else if (status === "completed") completeTask(engine, task, reason ?? "");
  else if (status === "wrapping") wrapTask(engine, task, reason ?? null);
  engine.dispatch(workspaceSid);
  return task;
}

export function deleteTask(
  engine: TaskRouterEngine,
  workspaceSid: string,
  taskSid: string,
  ifMatch?: string,
): void {
  const workspace = engine.workspace(workspaceSid);
  const task = engine.task(workspaceSid, taskSid);
  checkVersion("Task", task.version, ifMatch);
  if (!isTerminalTask(task)) {
    if (task.assignmentStatus === "pending" || task.assignmentStatus === "reserved")
      cancelTask(engine, task, "Task deleted");
  }
  engine.events.publish("task.deleted", { workspace, task });
  removeTask(engine, taskSid);
  engine.dispatch(workspaceSid);
}

const TASK_ORDERING = /^(DateCreated|Priority|VirtualStartTime):(asc|desc)$/i;

export function listTasks(engine: TaskRouterEngine, workspaceSid: string, form: Form): Task[] {
  engine.workspace(workspaceSid);
  let tasks = engine.inWorkspace(engine.state.tasks, workspaceSid);
  const statuses = params(form, "AssignmentStatus").flatMap((value) =>
    value.split(","),
  ) as AssignmentStatus[];
  if (statuses.length > 0) tasks = tasks.filter((task) => statuses.includes(task.assignmentStatus));
  const workflowSid = param(form, "WorkflowSid");
  const workflowName = param(form, "WorkflowName");
  const queueSid = param(form, "TaskQueueSid");
  const queueName = param(form, "TaskQueueName");
  if (workflowSid) tasks = tasks.filter((task) => task.workflowSid === workflowSid);
  if (workflowName)
    tasks = tasks.filter(
      (task) => engine.state.workflows.get(task.workflowSid)?.friendlyName === workflowName,
    );
  if (queueSid) tasks = tasks.filter((task) => task.taskQueueSid === queueSid);
  if (queueName)
    tasks = tasks.filter(
      (task) =>
        task.taskQueueSid !== null &&
        engine.state.taskQueues.get(task.taskQueueSid)?.friendlyName === queueName,
    );
  const expression = param(form, "EvaluateTaskAttributes");
  if (expression) {
    try {
      validateExpression(expression, "task");
    } catch (error) {
      if (error instanceof ExpressionError)
        throw invalid(`Invalid EvaluateTaskAttributes: ${error.message}`);
      throw error;
    }
    tasks = tasks.filter((task) =>
      evaluate(expression, attributesResolver(parseAttributes(task.attributes))),
    );
  }
  const ordering = (param(form, "Ordering") ?? "DateCreated:asc").split(",");
  const comparators = ordering.map((clause) => {
    const match = TASK_ORDERING.exec(clause.trim());
    if (!match)
      throw invalid(
        `Invalid Ordering "${clause}": use DateCreated, Priority or VirtualStartTime with :asc or :desc`,
      );
    const field = match[1]?.toLowerCase();
    const sign = match[2]?.toLowerCase() === "desc" ? -1 : 1;
    const value = (task: Task) =>
      field === "priority"
        ? task.priority
        : field === "virtualstarttime"
          ? task.virtualStartTime
          : task.dateCreated;
    return (a: Task, b: Task) => sign * (value(a) - value(b));
  });
  tasks.sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
  return tasks;
}

export function listReservations(
  engine: TaskRouterEngine,
  workspaceSid: string,
  owner: { taskSid?: string; workerSid?: string },
  form: Form,
): Reservation[] {
  if (owner.taskSid) engine.task(workspaceSid, owner.taskSid);
  if (owner.workerSid) engine.worker(workspaceSid, owner.workerSid);
  let reservations = engine
    .inWorkspace(engine.state.reservations, workspaceSid)
    .filter((reservation) =>
      owner.taskSid
        ? reservation.taskSid === owner.taskSid
        : reservation.workerSid === owner.workerSid,
    );
  const status = param(form, "ReservationStatus");
  if (status) reservations = reservations.filter((reservation) => reservation.status === status);
  const workerSid = param(form, "WorkerSid");
  if (workerSid)
    reservations = reservations.filter((reservation) => reservation.workerSid === workerSid);
  return reservations.sort((a, b) => a.dateCreated - b.dateCreated);
}

export function reservationOf(
  engine: TaskRouterEngine,
  workspaceSid: string,
  owner: { taskSid?: string; workerSid?: string },
  reservationSid: string,
): Reservation {
  const reservation = engine.reservation(workspaceSid, reservationSid);
  const path = owner.taskSid ? `Tasks/${owner.taskSid}` : `Workers/${owner.workerSid}`;
  if (
    (owner.taskSid && reservation.taskSid !== owner.taskSid) ||
    (owner.workerSid && reservation.workerSid !== owner.workerSid)
  ) {
    throw notFound(`Workspaces/${workspaceSid}/${path}/Reservations`, reservationSid);
  }
  return reservation;
}

/**
 * POST …/Reservations/{WR}: `ReservationStatus` (accepted, rejected + WorkerActivitySid,
 * completed, wrapping) or `Instruction` (dequeue, call, redirect, conference) — contract §4.5.
 */
export function updateReservation(
  engine: TaskRouterEngine,
  workspaceSid: string,
  owner: { taskSid?: string; workerSid?: string },
  reservationSid: string,
  form: Form,
  ifMatch?: string,
): Reservation {
  const reservation = reservationOf(engine, workspaceSid, owner, reservationSid);
  checkVersion("Reservation", reservation.version, ifMatch);
  const status = param(form, "ReservationStatus");
  const instruction = param(form, "Instruction");
  for (const flexOnly of ["Supervisor", "SupervisorMode"]) {
    if (form[flexOnly] !== undefined) {
      engine.ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message: `Reservation parameter ${flexOnly} (Flex supervisor modes) is not emulated; monitor, whisper and barge go through the Conference Participants API`,
        resourceSid: reservationSid,
      });
    }
  }
  if (status && instruction) throw invalid("Use either ReservationStatus or Instruction, not both");
  if (status) {
    const task = engine.task(workspaceSid, reservation.taskSid);
    switch (status) {
      case "accepted":
        acceptReservation(engine, reservation);
        break;
      case "rejected":
        rejectReservation(engine, reservation, param(form, "WorkerActivitySid") || null);
        break;
      case "wrapping":
        if (reservation.status !== "accepted")
          throw invalid(
            `Reservation ${reservationSid} is ${reservation.status}; only an accepted reservation can wrap up`,
          );
        wrapTask(engine, task, null);
        break;
      case "completed":
        if (reservation.status !== "accepted" && reservation.status !== "wrapping") {
          throw invalid(
            `Reservation ${reservationSid} is ${reservation.status}; only an accepted or wrapping reservation can be completed`,
          );
        }
        completeTask(engine, task, "Reservation completed");
        break;
      default:
        throw invalid(
          `ReservationStatus can be set to accepted, rejected, wrapping or completed, not ${status}`,
        );
    }
    engine.dispatch(workspaceSid);
    return reservation;
  }
  if (instruction) {
    const run = prepareInstruction(engine, reservation, instructionFromRest(form));
    void run().catch((error: unknown) => {
      engine.ctx.debugger.report({
        level: "error",
        code: 0,
        message: `${instruction} instruction for Reservation ${reservationSid} failed: ${(error as Error).message}`,
        resourceSid: reservationSid,
      });
    });
    return reservation;
  }
  throw invalid("Missing ReservationStatus or Instruction");
}
