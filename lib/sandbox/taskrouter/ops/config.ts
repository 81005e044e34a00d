/**
 * Workspaces, Activities, TaskChannels, TaskQueues and Workflows (the configuration resources).
 * https://www.twilio.com/docs/taskrouter/api/workspace, /activity, /task-channel, /task-queue, /workflow
 */
import type { TaskRouterEngine } from "../engine";
import { invalid, TaskRouterApiError } from "../errors";
import { ExpressionError, validateExpression } from "../expression";
import {
  isTerminalTask,
  type Activity,
  type TaskChannel,
  type TaskQueue,
  type Workflow,
  type Workspace,
} from "../model";
import { enterWorkflow, removeTask } from "../routing";
import { parseWorkflowConfig, WorkflowConfigError } from "../workflow-config";
import { createWorkerChannel } from "../workers";
import { booleanParam, integerParam, oneOf, param, required, type Form } from "./params";

/** Task channels every new workspace has [M: Twilio lists default, voice, sms, chat, video; email added with Flex]. */
const DEFAULT_TASK_CHANNELS: [string, string][] = [
  ["default", "Default"],
  ["voice", "Voice"],
  ["sms", "SMS"],
  ["chat", "Chat"],
  ["video", "Video"],
  ["email", "Email"],
];

// ─────────────────────────── workspaces ───────────────────────────

export function createWorkspace(engine: TaskRouterEngine, form: Form): Workspace {
  const friendlyName = required(form, "FriendlyName");
  if (
    [...engine.state.workspaces.values()].some(
      (workspace) => workspace.friendlyName === friendlyName,
    )
  ) {
    throw new TaskRouterApiError(
      409,
      20409,
      `A Workspace with FriendlyName "${friendlyName}" already exists`,
    );
  }
  const now = engine.now();
  const sid = engine.newSid("WS");
  const activity = (name: string, available: boolean): Activity => {
    const created: Activity = {
      sid: engine.newSid("WA"),
      workspaceSid: sid,
      friendlyName: name,
      available,
      dateCreated: now,
      dateUpdated: now,
    };
    engine.state.activities.set(created.sid, created);
    return created;
  };
  // New workspaces come with Offline (default and timeout activity), Available and Unavailable.
  const offline = activity("Offline", false);
  activity("Available", true);
  activity("Unavailable", false);
  const workspace: Workspace = {
    sid,
    friendlyName,
    eventCallbackUrl: param(form, "EventCallbackUrl") || null,
    eventsFilter: param(form, "EventsFilter") || null,
    multiTaskEnabled: booleanParam(form, "MultiTaskEnabled") ?? true,
    prioritizeQueueOrder: oneOf(form, "PrioritizeQueueOrder", ["FIFO", "LIFO"] as const) ?? "FIFO",
    defaultActivitySid: offline.sid,
    timeoutActivitySid: offline.sid,
    dateCreated: now,
    dateUpdated: now,
  };
  engine.state.workspaces.set(sid, workspace);
  for (const [uniqueName, friendly] of DEFAULT_TASK_CHANNELS) {
    const channel: TaskChannel = {
      sid: engine.newSid("TC"),
      workspaceSid: sid,
      uniqueName,
      friendlyName: friendly,
      channelOptimizedRouting: null,
      dateCreated: now,
      dateUpdated: now,
    };
    engine.state.taskChannels.set(channel.sid, channel);
  }
  engine.events.publish("workspace.created", { workspace });
  if (oneOf(form, "Template", ["NONE", "FIFO"] as const) === "FIFO") {
    const queue = createTaskQueue(engine, sid, {
      FriendlyName: "Sample Queue",
      TargetWorkers: "1==1",
    });
    createWorkflow(engine, sid, {
      FriendlyName: "Default Fifo Workflow",
      Configuration: JSON.stringify({
        task_routing: { filters: [], default_filter: { queue: queue.sid } },
      }),
    });
  }
  return workspace;
}

export function updateWorkspace(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
): Workspace {
  const workspace = engine.workspace(workspaceSid);
  const defaultActivity = param(form, "DefaultActivitySid");
  const timeoutActivity = param(form, "TimeoutActivitySid");
  if (defaultActivity) engine.activity(workspaceSid, defaultActivity);
  if (timeoutActivity) engine.activity(workspaceSid, timeoutActivity);
  const multiTask = booleanParam(form, "MultiTaskEnabled");
  const order = oneOf(form, "PrioritizeQueueOrder", ["FIFO", "LIFO"] as const);
  if (param(form, "FriendlyName")) workspace.friendlyName = required(form, "FriendlyName");
  if (form.EventCallbackUrl !== undefined)
    workspace.eventCallbackUrl = param(form, "EventCallbackUrl") || null;
  if (form.EventsFilter !== undefined) workspace.eventsFilter = param(form, "EventsFilter") || null;
  if (defaultActivity) workspace.defaultActivitySid = defaultActivity;
  if (timeoutActivity) workspace.timeoutActivitySid = timeoutActivity;
  if (multiTask !== undefined) workspace.multiTaskEnabled = multiTask;
  if (order) workspace.prioritizeQueueOrder = order;
  workspace.dateUpdated = engine.now();
  engine.events.publish("workspace.updated", { workspace });
  engine.dispatch(workspaceSid);
  return workspace;
}

export function deleteWorkspace(engine: TaskRouterEngine, workspaceSid: string): void {
  const workspace = engine.workspace(workspaceSid);
  engine.events.publish("workspace.deleted", { workspace });
  for (const task of engine.inWorkspace(engine.state.tasks, workspaceSid))
    removeTask(engine, task.sid);
  for (const map of [
    engine.state.activities,
    engine.state.taskChannels,
    engine.state.taskQueues,
    engine.state.workflows,
    engine.state.workers,
    engine.state.workerChannels,
  ] as Map<string, { workspaceSid: string }>[]) {
    for (const [sid, item] of map) if (item.workspaceSid === workspaceSid) map.delete(sid);
  }
  engine.state.workspaces.delete(workspaceSid);
}

// ─────────────────────────── activities ───────────────────────────

export function createActivity(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
): Activity {
  const workspace = engine.workspace(workspaceSid);
  const friendlyName = required(form, "FriendlyName");
  if (
    engine
      .inWorkspace(engine.state.activities, workspaceSid)
      .some((activity) => activity.friendlyName === friendlyName)
  ) {
    throw new TaskRouterApiError(
      409,
      20409,
      `An Activity with FriendlyName "${friendlyName}" already exists`,
    );
  }
  const now = engine.now();
  const activity: Activity = {
    sid: engine.newSid("WA"),
    workspaceSid,
    friendlyName,
    available: booleanParam(form, "Available") ?? false,
    dateCreated: now,
    dateUpdated: now,
  };
  engine.state.activities.set(activity.sid, activity);
  engine.events.publish("activity.created", { workspace, activity });
  return activity;
}

export function updateActivity(
  engine: TaskRouterEngine,
  workspaceSid: string,
  activitySid: string,
  form: Form,
): Activity {
  const activity = engine.activity(workspaceSid, activitySid);
  // Availability cannot change after creation; only the name can.
  if (form.Available !== undefined)
    throw invalid("Available cannot be changed after an Activity is created");
  activity.friendlyName = param(form, "FriendlyName") || activity.friendlyName;
  activity.dateUpdated = engine.now();
  engine.events.publish("activity.updated", {
    workspace: engine.workspace(workspaceSid),
    activity,
  });
  return activity;
}

export function deleteActivity(
  engine: TaskRouterEngine,
  workspaceSid: string,
  activitySid: string,
): void {
  const workspace = engine.workspace(workspaceSid);
  const activity = engine.activity(workspaceSid, activitySid);
  if (
    workspace.defaultActivitySid === activitySid ||
    workspace.timeoutActivitySid === activitySid
  ) {
    throw invalid(
      `Activity ${activitySid} is the workspace's default or timeout activity and cannot be deleted`,
    );
  }
  if (
    engine
      .inWorkspace(engine.state.workers, workspaceSid)
      .some((worker) => worker.activitySid === activitySid)
  ) {
    throw invalid(`Activity ${activitySid} is in use by one or more Workers and cannot be deleted`);
  }
  engine.state.activities.delete(activitySid);
  engine.events.publish("activity.deleted", { workspace, activity });
}

// ─────────────────────────── task channels ───────────────────────────

export function createTaskChannel(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
): TaskChannel {
  const workspace = engine.workspace(workspaceSid);
  const uniqueName = required(form, "UniqueName");
  const friendlyName = required(form, "FriendlyName");
  if (
    engine
      .inWorkspace(engine.state.taskChannels, workspaceSid)
      .some((channel) => channel.uniqueName === uniqueName)
  ) {
    throw new TaskRouterApiError(
      409,
      20409,
      `A TaskChannel with UniqueName "${uniqueName}" already exists`,
    );
  }
  const now = engine.now();
  const channel: TaskChannel = {
    sid: engine.newSid("TC"),
    workspaceSid,
    uniqueName,
    friendlyName,
    channelOptimizedRouting: booleanParam(form, "ChannelOptimizedRouting") ?? null,
    dateCreated: now,
    dateUpdated: now,
  };
  engine.state.taskChannels.set(channel.sid, channel);
  for (const worker of engine.inWorkspace(engine.state.workers, workspaceSid))
    createWorkerChannel(engine, worker, channel.sid);
  engine.events.publish("task-channel.created", {
    workspace,
    extra: [
      ["TaskChannelSid", channel.sid],
      ["TaskChannelUniqueName", uniqueName],
    ],
  });
  return channel;
}

export function updateTaskChannel(
  engine: TaskRouterEngine,
  workspaceSid: string,
  sid: string,
  form: Form,
): TaskChannel {
  const channel = engine.taskChannel(workspaceSid, sid);
  channel.friendlyName = param(form, "FriendlyName") || channel.friendlyName;
  const optimized = booleanParam(form, "ChannelOptimizedRouting");
  if (optimized !== undefined) channel.channelOptimizedRouting = optimized;
  channel.dateUpdated = engine.now();
  engine.events.publish("task-channel.updated", {
    workspace: engine.workspace(workspaceSid),
    extra: [
      ["TaskChannelSid", channel.sid],
      ["TaskChannelUniqueName", channel.uniqueName],
    ],
  });
  return channel;
}

export function deleteTaskChannel(
  engine: TaskRouterEngine,
  workspaceSid: string,
  sid: string,
): void {
  const channel = engine.taskChannel(workspaceSid, sid);
  if (
    engine
      .inWorkspace(engine.state.tasks, workspaceSid)
      .some((task) => task.taskChannelSid === channel.sid)
  ) {
    throw invalid(`TaskChannel ${channel.uniqueName} has Tasks and cannot be deleted`);
  }
  engine.state.taskChannels.delete(channel.sid);
  for (const [key, workerChannel] of engine.state.workerChannels)
    if (workerChannel.taskChannelSid === channel.sid) engine.state.workerChannels.delete(key);
  engine.events.publish("task-channel.deleted", {
    workspace: engine.workspace(workspaceSid),
    extra: [
      ["TaskChannelSid", channel.sid],
      ["TaskChannelUniqueName", channel.uniqueName],
    ],
  });
}

// ─────────────────────────── task queues ───────────────────────────

function checkTargetWorkers(expression: string): void {
  if (expression.trim() === "") return;
  try {
    validateExpression(expression, "worker");
  } catch (error) {
    if (error instanceof ExpressionError) throw invalid(`Invalid TargetWorkers: ${error.message}`);
    throw error;
  }
}

export function createTaskQueue(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
): TaskQueue {
  const workspace = engine.workspace(workspaceSid);
  const friendlyName = required(form, "FriendlyName");
  if (
    engine
      .inWorkspace(engine.state.taskQueues, workspaceSid)
      .some((queue) => queue.friendlyName === friendlyName)
  ) {
    throw new TaskRouterApiError(
      409,
      20409,
      `A TaskQueue with FriendlyName "${friendlyName}" already exists`,
    );
  }
  const targetWorkers = param(form, "TargetWorkers") ?? "1==1";
  checkTargetWorkers(targetWorkers);
  const reservationActivitySid = param(form, "ReservationActivitySid") || null;
  const assignmentActivitySid = param(form, "AssignmentActivitySid") || null;
  if (reservationActivitySid) engine.activity(workspaceSid, reservationActivitySid);
  if (assignmentActivitySid) engine.activity(workspaceSid, assignmentActivitySid);
  const now = engine.now();
  const queue: TaskQueue = {
    sid: engine.newSid("WQ"),
    workspaceSid,
    friendlyName,
    targetWorkers,
    maxReservedWorkers: integerParam(form, "MaxReservedWorkers", 1, 50) ?? 1,
    taskOrder: oneOf(form, "TaskOrder", ["FIFO", "LIFO"] as const) ?? "FIFO",
    reservationActivitySid,
    assignmentActivitySid,
    dateCreated: now,
    dateUpdated: now,
  };
  engine.state.taskQueues.set(queue.sid, queue);
  engine.events.publish("task-queue.created", { workspace, queue });
  engine.dispatch(workspaceSid);
  return queue;
}

export function updateTaskQueue(
  engine: TaskRouterEngine,
  workspaceSid: string,
  queueSid: string,
  form: Form,
): TaskQueue {
  const workspace = engine.workspace(workspaceSid);
  const queue = engine.taskQueue(workspaceSid, queueSid);
  const targetWorkers = param(form, "TargetWorkers");
  if (targetWorkers !== undefined) checkTargetWorkers(targetWorkers);
  const maxReserved = integerParam(form, "MaxReservedWorkers", 1, 50);
  const order = oneOf(form, "TaskOrder", ["FIFO", "LIFO"] as const);
  for (const name of ["ReservationActivitySid", "AssignmentActivitySid"]) {
    const sid = param(form, name);
    if (sid) engine.activity(workspaceSid, sid);
  }
  if (param(form, "FriendlyName")) queue.friendlyName = required(form, "FriendlyName");
  if (maxReserved !== undefined) queue.maxReservedWorkers = maxReserved;
  if (order) queue.taskOrder = order;
  if (form.ReservationActivitySid !== undefined)
    queue.reservationActivitySid = param(form, "ReservationActivitySid") || null;
  if (form.AssignmentActivitySid !== undefined)
    queue.assignmentActivitySid = param(form, "AssignmentActivitySid") || null;
  queue.dateUpdated = engine.now();
  if (targetWorkers !== undefined && targetWorkers !== queue.targetWorkers) {
    queue.targetWorkers = targetWorkers;
    engine.events.publish("task-queue.expression.updated", { workspace, queue });
  }
  engine.dispatch(workspaceSid);
  return queue;
}

export function deleteTaskQueue(
  engine: TaskRouterEngine,
  workspaceSid: string,
  queueSid: string,
): void {
  const workspace = engine.workspace(workspaceSid);
  const queue = engine.taskQueue(workspaceSid, queueSid);
  const usedBy = engine
    .inWorkspace(engine.state.workflows, workspaceSid)
    .find(
      (workflow) =>
        workflow.config.defaultFilter?.queue === queueSid ||
        workflow.config.filters.some((filter) => filter.targets.some((t) => t.queue === queueSid)),
    );
  if (usedBy)
    throw invalid(`TaskQueue ${queueSid} is used by Workflow ${usedBy.sid} and cannot be deleted`);
  if (
    engine
      .inWorkspace(engine.state.tasks, workspaceSid)
      .some((task) => task.taskQueueSid === queueSid && !isTerminalTask(task))
  ) {
    throw invalid(`TaskQueue ${queueSid} has Tasks and cannot be deleted`);
  }
  engine.state.taskQueues.delete(queueSid);
  engine.events.publish("task-queue.deleted", { workspace, queue });
}

// ─────────────────────────── workflows ───────────────────────────

function parseConfig(engine: TaskRouterEngine, workspaceSid: string, configuration: string) {
  try {
    return parseWorkflowConfig(
      configuration,
      (sid) => engine.state.taskQueues.get(sid)?.workspaceSid === workspaceSid,
    );
  } catch (error) {
    if (error instanceof WorkflowConfigError) throw invalid(error.message);
    throw error;
  }
}

export function createWorkflow(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
): Workflow {
  const workspace = engine.workspace(workspaceSid);
  const friendlyName = required(form, "FriendlyName");
  const configuration = required(form, "Configuration");
  const config = parseConfig(engine, workspaceSid, configuration);
  const now = engine.now();
  const workflow: Workflow = {
    sid: engine.newSid("WW"),
    workspaceSid,
    friendlyName,
    configuration,
    config,
    assignmentCallbackUrl: param(form, "AssignmentCallbackUrl") || null,
    fallbackAssignmentCallbackUrl: param(form, "FallbackAssignmentCallbackUrl") || null,
    taskReservationTimeout: integerParam(form, "TaskReservationTimeout", 1, 86400) ?? 120,
    dateCreated: now,
    dateUpdated: now,
  };
  engine.state.workflows.set(workflow.sid, workflow);
  engine.events.publish("workflow.created", { workspace, workflow });
  return workflow;
}

export function updateWorkflow(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workflowSid: string,
  form: Form,
): Workflow {
  const workspace = engine.workspace(workspaceSid);
  const workflow = engine.workflow(workspaceSid, workflowSid);
  const configuration = param(form, "Configuration");
  const config =
    configuration !== undefined ? parseConfig(engine, workspaceSid, configuration) : null;
  const timeout = integerParam(form, "TaskReservationTimeout", 1, 86400);
  const reEvaluate = booleanParam(form, "ReEvaluateTasks") ?? false;
  if (param(form, "FriendlyName")) workflow.friendlyName = required(form, "FriendlyName");
  if (configuration !== undefined && config) {
    workflow.configuration = configuration;
    workflow.config = config;
  }
  if (form.AssignmentCallbackUrl !== undefined)
    workflow.assignmentCallbackUrl = param(form, "AssignmentCallbackUrl") || null;
  if (form.FallbackAssignmentCallbackUrl !== undefined)
    workflow.fallbackAssignmentCallbackUrl = param(form, "FallbackAssignmentCallbackUrl") || null;
  if (timeout !== undefined) workflow.taskReservationTimeout = timeout;
  workflow.dateUpdated = engine.now();
  engine.events.publish("workflow.updated", { workspace, workflow });
  if (reEvaluate) {
    // ReEvaluateTasks: waiting tasks go through the (new) configuration again; reserved ones keep their offer.
    for (const task of engine.inWorkspace(engine.state.tasks, workspaceSid)) {
      if (task.workflowSid === workflowSid && task.assignmentStatus === "pending") {
        engine.clearTimer(`step:${task.sid}`);
        enterWorkflow(engine, task);
      }
    }
  }
  engine.dispatch(workspaceSid);
  return workflow;
}

export function deleteWorkflow(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workflowSid: string,
): void {
  const workspace = engine.workspace(workspaceSid);
  const workflow = engine.workflow(workspaceSid, workflowSid);
  if (
    engine
      .inWorkspace(engine.state.tasks, workspaceSid)
      .some((task) => task.workflowSid === workflowSid && !isTerminalTask(task))
  ) {
    throw invalid(`Workflow ${workflowSid} has active Tasks and cannot be deleted`);
  }
  engine.state.workflows.delete(workflowSid);
  engine.events.publish("workflow.deleted", { workspace, workflow });
}
