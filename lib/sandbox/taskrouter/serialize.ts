/**
 * Two wire shapes of the same resources:
 * - REST v1 JSON (taskrouter.twilio.com/v1): ISO 8601 dates without milliseconds, `url`,
 *   `links` on the real Twilio host, attributes as JSON strings (contract §7.1, twilio-node
 *   fixtures spec/integration/rest/taskrouter/v1/**).
 * - Event-bridge JSON (what twilio-taskrouter's descriptors read): epoch-second dates, `queue_sid`
 *   / `queue_name` / `workflow_name`, `version`, reservations embedding their task
 *   (twilio-taskrouter lib/descriptors/*.js, test/mock/Events.js).
 */
import { TASKROUTER_HOST, type TaskRouterEngine } from "./engine";
import {
  isActiveReservation,
  type Activity,
  type Reservation,
  type Task,
  type TaskChannel,
  type TaskQueue,
  type TaskRouterEvent,
  type Worker,
  type WorkerChannel,
  type Workflow,
  type Workspace,
} from "./model";

export function iso(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function workspaceUrl(workspaceSid: string): string {
  return `${TASKROUTER_HOST}/v1/Workspaces/${workspaceSid}`;
}

// ─────────────────────────── REST v1 ───────────────────────────

export function workspaceJson(engine: TaskRouterEngine, workspace: Workspace) {
  const url = workspaceUrl(workspace.sid);
  const defaultActivity = engine.state.activities.get(workspace.defaultActivitySid);
  const timeoutActivity = engine.state.activities.get(workspace.timeoutActivitySid);
  return {
    account_sid: engine.ctx.account.accountSid,
    date_created: iso(workspace.dateCreated),
    date_updated: iso(workspace.dateUpdated),
    default_activity_name: defaultActivity?.friendlyName ?? null,
    default_activity_sid: workspace.defaultActivitySid,
    event_callback_url: workspace.eventCallbackUrl,
    events_filter: workspace.eventsFilter,
    friendly_name: workspace.friendlyName,
    multi_task_enabled: workspace.multiTaskEnabled,
    prioritize_queue_order: workspace.prioritizeQueueOrder,
    sid: workspace.sid,
    timeout_activity_name: timeoutActivity?.friendlyName ?? null,
    timeout_activity_sid: workspace.timeoutActivitySid,
    url,
    links: {
      activities: `${url}/Activities`,
      statistics: `${url}/Statistics`,
      real_time_statistics: `${url}/RealTimeStatistics`,
      cumulative_statistics: `${url}/CumulativeStatistics`,
      task_channels: `${url}/TaskChannels`,
      task_queues: `${url}/TaskQueues`,
      tasks: `${url}/Tasks`,
      workers: `${url}/Workers`,
      workflows: `${url}/Workflows`,
      events: `${url}/Events`,
    },
  };
}

export function activityJson(engine: TaskRouterEngine, activity: Activity) {
  const workspace = workspaceUrl(activity.workspaceSid);
  return {
    account_sid: engine.ctx.account.accountSid,
    available: activity.available,
    date_created: iso(activity.dateCreated),
    date_updated: iso(activity.dateUpdated),
    friendly_name: activity.friendlyName,
    sid: activity.sid,
    url: `${workspace}/Activities/${activity.sid}`,
    workspace_sid: activity.workspaceSid,
    links: { workspace },
  };
}

export function taskChannelJson(engine: TaskRouterEngine, channel: TaskChannel) {
  const workspace = workspaceUrl(channel.workspaceSid);
  return {
    account_sid: engine.ctx.account.accountSid,
    date_created: iso(channel.dateCreated),
    date_updated: iso(channel.dateUpdated),
    friendly_name: channel.friendlyName,
    sid: channel.sid,
    unique_name: channel.uniqueName,
    workspace_sid: channel.workspaceSid,
    channel_optimized_routing: channel.channelOptimizedRouting,
    url: `${workspace}/TaskChannels/${channel.sid}`,
    links: { workspace },
  };
}

export function taskQueueJson(engine: TaskRouterEngine, queue: TaskQueue) {
  const workspace = workspaceUrl(queue.workspaceSid);
  const url = `${workspace}/TaskQueues/${queue.sid}`;
  const activityName = (sid: string | null) =>
    sid ? (engine.state.activities.get(sid)?.friendlyName ?? null) : null;
  return {
    account_sid: engine.ctx.account.accountSid,
    assignment_activity_name: activityName(queue.assignmentActivitySid),
    assignment_activity_sid: queue.assignmentActivitySid,
    date_created: iso(queue.dateCreated),
    date_updated: iso(queue.dateUpdated),
    friendly_name: queue.friendlyName,
    max_reserved_workers: queue.maxReservedWorkers,
    reservation_activity_name: activityName(queue.reservationActivitySid),
    reservation_activity_sid: queue.reservationActivitySid,
    sid: queue.sid,
    target_workers: queue.targetWorkers,
    task_order: queue.taskOrder,
    url,
    workspace_sid: queue.workspaceSid,
    links: {
      assignment_activity: queue.assignmentActivitySid
        ? `${workspace}/Activities/${queue.assignmentActivitySid}`
        : null,
      reservation_activity: queue.reservationActivitySid
        ? `${workspace}/Activities/${queue.reservationActivitySid}`
        : null,
      workspace,
      statistics: `${url}/Statistics`,
      real_time_statistics: `${url}/RealTimeStatistics`,
      cumulative_statistics: `${url}/CumulativeStatistics`,
      list_statistics: `${workspace}/TaskQueues/Statistics`,
    },
  };
}

export function workflowJson(engine: TaskRouterEngine, workflow: Workflow) {
  const workspace = workspaceUrl(workflow.workspaceSid);
  const url = `${workspace}/Workflows/${workflow.sid}`;
  return {
    account_sid: engine.ctx.account.accountSid,
    assignment_callback_url: workflow.assignmentCallbackUrl,
    configuration: workflow.configuration,
    date_created: iso(workflow.dateCreated),
    date_updated: iso(workflow.dateUpdated),
    document_content_type: "application/json",
    fallback_assignment_callback_url: workflow.fallbackAssignmentCallbackUrl,
    friendly_name: workflow.friendlyName,
    sid: workflow.sid,
    task_reservation_timeout: workflow.taskReservationTimeout,
    url,
    workspace_sid: workflow.workspaceSid,
    links: {
      statistics: `${url}/Statistics`,
      real_time_statistics: `${url}/RealTimeStatistics`,
      cumulative_statistics: `${url}/CumulativeStatistics`,
    },
  };
}

export function workerJson(engine: TaskRouterEngine, worker: Worker) {
  const workspace = workspaceUrl(worker.workspaceSid);
  const url = `${workspace}/Workers/${worker.sid}`;
  const activity = engine.state.activities.get(worker.activitySid);
  return {
    account_sid: engine.ctx.account.accountSid,
    activity_name: activity?.friendlyName ?? null,
    activity_sid: worker.activitySid,
    attributes: worker.attributes,
    available: activity?.available ?? false,
    date_created: iso(worker.dateCreated),
    date_status_changed: iso(worker.dateStatusChanged),
    date_updated: iso(worker.dateUpdated),
    friendly_name: worker.friendlyName,
    sid: worker.sid,
    url,
    workspace_sid: worker.workspaceSid,
    links: {
      activity: `${workspace}/Activities/${worker.activitySid}`,
      channels: `${url}/Channels`,
      reservations: `${url}/Reservations`,
      statistics: `${url}/Statistics`,
      workspace,
    },
  };
}

export function workerChannelCounts(engine: TaskRouterEngine, channel: WorkerChannel) {
  const reservations = engine
    .reservationsOfWorker(channel.workerSid)
    .filter(
      (reservation) =>
        isActiveReservation(reservation) &&
        engine.state.tasks.get(reservation.taskSid)?.taskChannelSid === channel.taskChannelSid,
    );
  const assigned = reservations.filter((reservation) => reservation.status !== "pending").length;
  const used = reservations.length;
  const percentage =
    channel.configuredCapacity > 0
      ? Math.max(
          0,
          Math.floor((100 * (channel.configuredCapacity - used)) / channel.configuredCapacity),
        )
      : 0;
  return { assigned, used, percentage };
}

export function workerChannelJson(engine: TaskRouterEngine, channel: WorkerChannel) {
  const counts = workerChannelCounts(engine, channel);
  return {
    account_sid: engine.ctx.account.accountSid,
    assigned_tasks: counts.assigned,
    available: channel.available,
    available_capacity_percentage: counts.percentage,
    configured_capacity: channel.configuredCapacity,
    date_created: iso(channel.dateCreated),
    date_updated: iso(channel.dateUpdated),
    sid: channel.sid,
    task_channel_sid: channel.taskChannelSid,
    task_channel_unique_name:
      engine.state.taskChannels.get(channel.taskChannelSid)?.uniqueName ?? null,
    worker_sid: channel.workerSid,
    workspace_sid: channel.workspaceSid,
    url: `${workspaceUrl(channel.workspaceSid)}/Workers/${channel.workerSid}/Channels/${channel.sid}`,
  };
}

export function taskAge(engine: TaskRouterEngine, task: Task): number {
  const end = task.terminalAt ?? engine.now();
  return Math.max(0, seconds(end - task.dateCreated));
}

export function taskJson(engine: TaskRouterEngine, task: Task) {
  const workspace = workspaceUrl(task.workspaceSid);
  const url = `${workspace}/Tasks/${task.sid}`;
  const queue = task.taskQueueSid ? engine.state.taskQueues.get(task.taskQueueSid) : undefined;
  const workflow = engine.state.workflows.get(task.workflowSid);
  const channel = engine.state.taskChannels.get(task.taskChannelSid);
  return {
    account_sid: engine.ctx.account.accountSid,
    addons: "{}",
    age: taskAge(engine, task),
    assignment_status: task.assignmentStatus,
    attributes: task.attributes,
    date_created: iso(task.dateCreated),
    date_updated: iso(task.dateUpdated),
    ignore_capacity: false,
    priority: task.priority,
    reason: task.reason,
    routing_target: task.routingTarget,
    sid: task.sid,
    task_channel_sid: task.taskChannelSid,
    task_channel_unique_name: channel?.uniqueName ?? null,
    task_queue_entered_date: iso(task.taskQueueEnteredDate),
    task_queue_friendly_name: queue?.friendlyName ?? null,
    task_queue_sid: task.taskQueueSid,
    timeout: task.timeout,
    url,
    virtual_start_time: iso(task.virtualStartTime),
    workflow_friendly_name: workflow?.friendlyName ?? null,
    workflow_sid: task.workflowSid,
    workspace_sid: task.workspaceSid,
    links: {
      task_queue: task.taskQueueSid ? `${workspace}/TaskQueues/${task.taskQueueSid}` : null,
      workflow: `${workspace}/Workflows/${task.workflowSid}`,
      workspace,
      reservations: `${url}/Reservations`,
    },
  };
}

/** `via` decides the URL: the same reservation is reachable under its task and under its worker. */
export function reservationJson(
  engine: TaskRouterEngine,
  reservation: Reservation,
  via: "task" | "worker" = "task",
) {
  const workspace = workspaceUrl(reservation.workspaceSid);
  const worker = engine.state.workers.get(reservation.workerSid);
  const parent =
    via === "task" ? `Tasks/${reservation.taskSid}` : `Workers/${reservation.workerSid}`;
  return {
    account_sid: engine.ctx.account.accountSid,
    date_created: iso(reservation.dateCreated),
    date_updated: iso(reservation.dateUpdated),
    reservation_status: reservation.status,
    sid: reservation.sid,
    task_sid: reservation.taskSid,
    url: `${workspace}/${parent}/Reservations/${reservation.sid}`,
    worker_name: worker?.friendlyName ?? null,
    worker_sid: reservation.workerSid,
    workspace_sid: reservation.workspaceSid,
    links: {
      task: `${workspace}/Tasks/${reservation.taskSid}`,
      worker: `${workspace}/Workers/${reservation.workerSid}`,
      workspace,
    },
  };
}

export function eventJson(engine: TaskRouterEngine, event: TaskRouterEvent) {
  const eventData: Record<string, string> = {};
  for (const [key, value] of event.params) eventData[snakeCase(key)] = value;
  return {
    account_sid: engine.ctx.account.accountSid,
    actor_sid: event.actorSid,
    actor_type: event.actorType,
    actor_url: event.actorUrl,
    description: event.description,
    event_data: eventData,
    event_date: iso(event.eventDate),
    event_date_ms: event.eventDate,
    event_type: event.eventType,
    resource_sid: event.resourceSid,
    resource_type: event.resourceType,
    resource_url: event.resourceUrl,
    sid: event.sid,
    source: "Twilio",
    source_ip_address: "127.0.0.1",
    url: `${workspaceUrl(event.workspaceSid)}/Events/${event.sid}`,
    workspace_sid: event.workspaceSid,
  };
}

export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

// ─────────────────────────── event bridge ───────────────────────────

export function bridgeActivity(engine: TaskRouterEngine, activity: Activity) {
  return {
    account_sid: engine.ctx.account.accountSid,
    workspace_sid: activity.workspaceSid,
    sid: activity.sid,
    friendly_name: activity.friendlyName,
    available: activity.available,
    date_created: seconds(activity.dateCreated),
    date_updated: seconds(activity.dateUpdated),
  };
}

export function bridgeWorker(engine: TaskRouterEngine, worker: Worker) {
  const activity = engine.state.activities.get(worker.activitySid);
  return {
    account_sid: engine.ctx.account.accountSid,
    workspace_sid: worker.workspaceSid,
    sid: worker.sid,
    date_created: seconds(worker.dateCreated),
    date_updated: seconds(worker.dateUpdated),
    attributes: worker.attributes,
    friendly_name: worker.friendlyName,
    available: activity?.available ?? false,
    activity_sid: worker.activitySid,
    activity_name: activity?.friendlyName ?? null,
    date_status_changed: seconds(worker.dateStatusChanged),
    version: String(worker.version),
  };
}

export function bridgeWorkerChannel(engine: TaskRouterEngine, channel: WorkerChannel) {
  const counts = workerChannelCounts(engine, channel);
  return {
    account_sid: engine.ctx.account.accountSid,
    workspace_sid: channel.workspaceSid,
    sid: channel.sid,
    worker_sid: channel.workerSid,
    task_channel_sid: channel.taskChannelSid,
    task_channel_unique_name:
      engine.state.taskChannels.get(channel.taskChannelSid)?.uniqueName ?? null,
    configured_capacity: channel.configuredCapacity,
    available: channel.available ? 1 : 0,
    assigned_tasks: counts.assigned,
    available_capacity_percentage: counts.percentage,
    date_created: seconds(channel.dateCreated),
    date_updated: seconds(channel.dateUpdated),
    last_reserved_time: channel.lastReservedTime,
  };
}

export function bridgeTask(engine: TaskRouterEngine, task: Task) {
  const queue = task.taskQueueSid ? engine.state.taskQueues.get(task.taskQueueSid) : undefined;
  return {
    account_sid: engine.ctx.account.accountSid,
    workspace_sid: task.workspaceSid,
    sid: task.sid,
    date_created: seconds(task.dateCreated),
    date_updated: seconds(task.dateUpdated),
    attributes: task.attributes,
    assignment_status: task.assignmentStatus,
    workflow_sid: task.workflowSid,
    workflow_name: engine.state.workflows.get(task.workflowSid)?.friendlyName ?? null,
    queue_sid: task.taskQueueSid,
    queue_name: queue?.friendlyName ?? null,
    priority: task.priority,
    reason: task.reason,
    timeout: task.timeout,
    task_channel_sid: task.taskChannelSid,
    task_channel_unique_name:
      engine.state.taskChannels.get(task.taskChannelSid)?.uniqueName ?? null,
    age: taskAge(engine, task),
    addons: "{}",
    routing_target: task.routingTarget,
    version: String(task.version),
    virtual_start_time: seconds(task.virtualStartTime),
  };
}

export function bridgeReservation(engine: TaskRouterEngine, reservation: Reservation) {
  const task = engine.state.tasks.get(reservation.taskSid);
  return {
    account_sid: engine.ctx.account.accountSid,
    workspace_sid: reservation.workspaceSid,
    sid: reservation.sid,
    date_created: seconds(reservation.dateCreated),
    date_updated: seconds(reservation.dateUpdated),
    reservation_status: reservation.status,
    reservation_timeout: reservation.timeout,
    worker_sid: reservation.workerSid,
    worker_name: engine.state.workers.get(reservation.workerSid)?.friendlyName ?? null,
    worker_previous_activity_sid: reservation.workerPreviousActivitySid,
    task_sid: reservation.taskSid,
    task_channel_sid: task?.taskChannelSid ?? null,
    version: String(reservation.version),
    ...(reservation.canceledReasonCode !== null
      ? { canceled_reason_code: reservation.canceledReasonCode }
      : {}),
    task: task ? bridgeTask(engine, task) : null,
  };
}

export function bridgeTaskQueue(engine: TaskRouterEngine, queue: TaskQueue) {
  const activityName = (sid: string | null) =>
    sid ? (engine.state.activities.get(sid)?.friendlyName ?? null) : null;
  return {
    account_sid: engine.ctx.account.accountSid,
    workspace_sid: queue.workspaceSid,
    sid: queue.sid,
    friendly_name: queue.friendlyName,
    target_workers: queue.targetWorkers,
    max_reserved_workers: queue.maxReservedWorkers,
    task_order: queue.taskOrder,
    lifo_queue: queue.taskOrder === "LIFO",
    reservation_activity_sid: queue.reservationActivitySid,
    reservation_activity_name: activityName(queue.reservationActivitySid),
    assignment_activity_sid: queue.assignmentActivitySid,
    assignment_activity_name: activityName(queue.assignmentActivitySid),
    date_created: seconds(queue.dateCreated),
    date_updated: seconds(queue.dateUpdated),
  };
}
