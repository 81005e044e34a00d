/**
 * Real-time and cumulative statistics, computed from the live state and the event history
 * (https://www.twilio.com/docs/taskrouter/api/workspace-statistics, /taskqueue-statistics,
 * /worker-statistics, /workflow-statistics). Field names follow twilio-node 6.x.
 */
import type { TaskRouterEngine } from "./engine";
import { invalid } from "./errors";
import type { Task, TaskQueue, TaskRouterEvent, Worker } from "./model";
import { dateParam, integerParam, param, type Form } from "./ops/params";
import { queueMembers } from "./routing";
import { iso, taskAge } from "./serialize";
import { hasCapacityFor, isWorkerAvailable } from "./workers";

const WAITING = new Set(["pending", "reserved"]);

function channelFilter(engine: TaskRouterEngine, workspaceSid: string, form: Form): string | null {
  const name = param(form, "TaskChannel");
  return name ? engine.taskChannel(workspaceSid, name).sid : null;
}

function activityStatistics(engine: TaskRouterEngine, workspaceSid: string, workers: Worker[]) {
  return engine.inWorkspace(engine.state.activities, workspaceSid).map((activity) => ({
    sid: activity.sid,
    friendly_name: activity.friendlyName,
    workers: workers.filter((worker) => worker.activitySid === activity.sid).length,
  }));
}

function taskCounts(engine: TaskRouterEngine, tasks: Task[]) {
  const byStatus = { pending: 0, reserved: 0, assigned: 0, wrapping: 0 } as Record<string, number>;
  const byPriority: Record<string, number> = {};
  let longest: Task | null = null;
  for (const task of tasks) {
    if (task.assignmentStatus in byStatus)
      byStatus[task.assignmentStatus] = (byStatus[task.assignmentStatus] ?? 0) + 1;
    if (task.assignmentStatus === "completed" || task.assignmentStatus === "canceled") continue;
    byPriority[String(task.priority)] = (byPriority[String(task.priority)] ?? 0) + 1;
    if (WAITING.has(task.assignmentStatus) && (!longest || task.dateCreated < longest.dateCreated))
      longest = task;
  }
  const active = tasks.filter(
    (task) => task.assignmentStatus !== "completed" && task.assignmentStatus !== "canceled",
  );
  return {
    longest_task_waiting_age: longest ? taskAge(engine, longest) : 0,
    longest_task_waiting_sid: longest?.sid ?? null,
    tasks_by_priority: byPriority,
    tasks_by_status: byStatus,
    total_tasks: active.length,
  };
}

function tasksOf(
  engine: TaskRouterEngine,
  workspaceSid: string,
  channelSid: string | null,
  filter: (task: Task) => boolean = () => true,
) {
  return engine
    .inWorkspace(engine.state.tasks, workspaceSid)
    .filter((task) => (channelSid ? task.taskChannelSid === channelSid : true) && filter(task));
}

// ─────────────────────────── real time ───────────────────────────

export function workspaceRealTime(engine: TaskRouterEngine, workspaceSid: string, form: Form) {
  engine.workspace(workspaceSid);
  const workers = engine.inWorkspace(engine.state.workers, workspaceSid);
  return {
    activity_statistics: activityStatistics(engine, workspaceSid, workers),
    ...taskCounts(engine, tasksOf(engine, workspaceSid, channelFilter(engine, workspaceSid, form))),
    total_workers: workers.length,
  };
}

export function workersRealTime(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
  workers?: Worker[],
) {
  engine.workspace(workspaceSid);
  channelFilter(engine, workspaceSid, form);
  const list = workers ?? engine.inWorkspace(engine.state.workers, workspaceSid);
  return {
    activity_statistics: activityStatistics(engine, workspaceSid, list),
    total_workers: list.length,
  };
}

export function workflowRealTime(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workflowSid: string,
  form: Form,
) {
  engine.workflow(workspaceSid, workflowSid);
  return taskCounts(
    engine,
    tasksOf(
      engine,
      workspaceSid,
      channelFilter(engine, workspaceSid, form),
      (task) => task.workflowSid === workflowSid,
    ),
  );
}

export function taskQueueRealTime(engine: TaskRouterEngine, queue: TaskQueue, form: Form) {
  const channelSid = channelFilter(engine, queue.workspaceSid, form);
  const tasks = tasksOf(
    engine,
    queue.workspaceSid,
    channelSid,
    (task) => task.taskQueueSid === queue.sid,
  );
  const members = queueMembers(engine, queue);
  const counts = taskCounts(engine, tasks);
  let longestInQueue: Task | null = null;
  for (const task of tasks) {
    if (!WAITING.has(task.assignmentStatus) || task.taskQueueEnteredDate === null) continue;
    if (
      !longestInQueue ||
      task.taskQueueEnteredDate < (longestInQueue.taskQueueEnteredDate ?? Infinity)
    )
      longestInQueue = task;
  }
  const available = members.filter((worker) => {
    if (!isWorkerAvailable(engine, worker)) return false;
    if (!channelSid) return true;
    return engine.workerChannel(worker.sid, channelSid)?.available === true;
  });
  return {
    activity_statistics: activityStatistics(engine, queue.workspaceSid, members),
    ...counts,
    longest_relative_task_age_in_queue:
      longestInQueue?.taskQueueEnteredDate != null
        ? Math.floor((engine.now() - longestInQueue.taskQueueEnteredDate) / 1000)
        : 0,
    longest_relative_task_sid_in_queue: longestInQueue?.sid ?? null,
    task_queue_sid: queue.sid,
    total_available_workers: available.length,
    total_eligible_workers: members.length,
  };
}

/** Workers who could take a task of the queue right now (used by the console board). */
export function readyWorkers(engine: TaskRouterEngine, queue: TaskQueue, task: Task): Worker[] {
  return queueMembers(engine, queue).filter((worker) => hasCapacityFor(engine, worker, task));
}

// ─────────────────────────── cumulative ───────────────────────────

export type Window = { start: number; end: number; split: number[] };

/** `Minutes` (default 15), or `StartDate`/`EndDate`, as on Twilio. */
export function windowOf(engine: TaskRouterEngine, form: Form): Window {
  const end = dateParam(form, "EndDate") ?? engine.now();
  const minutes = integerParam(form, "Minutes", 1, 43200);
  const start = dateParam(form, "StartDate") ?? end - (minutes ?? 15) * 60_000;
  if (start > end) throw invalid("StartDate must be before EndDate");
  const splitText = param(form, "SplitByWaitTime");
  const split = splitText
    ? splitText.split(",").map((value) => {
        const seconds = Number(value.trim());
        if (!Number.isFinite(seconds) || seconds < 0)
          throw invalid(`Invalid SplitByWaitTime value "${value}"`);
        return seconds;
      })
    : [];
  return { start, end, split };
}

function eventsIn(
  engine: TaskRouterEngine,
  workspaceSid: string,
  window: Window,
  filter: (event: TaskRouterEvent) => boolean,
) {
  return engine.state.events.filter(
    (event) =>
      event.workspaceSid === workspaceSid &&
      event.eventDate >= window.start &&
      event.eventDate <= window.end &&
      filter(event),
  );
}

function value(event: TaskRouterEvent, key: string): string | undefined {
  return event.params.find(([name]) => name === key)?.[1];
}

function durations(values: number[]) {
  if (values.length === 0) return { avg: 0, min: 0, max: 0, total: 0 };
  const total = values.reduce((sum, v) => sum + v, 0);
  return {
    avg: Math.round(total / values.length),
    min: Math.min(...values),
    max: Math.max(...values),
    total,
  };
}

function reservationCounts(events: TaskRouterEvent[]) {
  const count = (type: string) => events.filter((event) => event.eventType === type).length;
  return {
    reservations_created: count("reservation.created"),
    reservations_accepted: count("reservation.accepted"),
    reservations_rejected: count("reservation.rejected"),
    reservations_timed_out: count("reservation.timeout"),
    reservations_canceled: count("reservation.canceled"),
    reservations_rescinded: count("reservation.rescinded"),
  };
}

/** Cumulative task/reservation statistics for events that pass `scope` (a queue, a workflow or the workspace). */
export function cumulative(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
  scope: (event: TaskRouterEvent) => boolean,
) {
  engine.workspace(workspaceSid);
  const window = windowOf(engine, form);
  const channelSid = channelFilter(engine, workspaceSid, form);
  const events = eventsIn(
    engine,
    workspaceSid,
    window,
    (event) => scope(event) && (!channelSid || value(event, "TaskChannelSid") === channelSid),
  );
  const count = (type: string) => events.filter((event) => event.eventType === type).length;
  const created = new Map<string, number>();
  for (const event of engine.state.events) {
    if (event.eventType === "task.created") created.set(event.resourceSid, event.eventDate);
  }
  const accepted = events.filter((event) => event.eventType === "reservation.accepted");
  const canceled = events.filter((event) => event.eventType === "task.canceled");
  const waitOf = (event: TaskRouterEvent) => {
    const taskSid = value(event, "TaskSid") ?? "";
    const start = created.get(taskSid);
    return start === undefined
      ? Number(value(event, "TaskAge") ?? 0)
      : Math.floor((event.eventDate - start) / 1000);
  };
  const acceptWaits = accepted.map(waitOf);
  const cancelWaits = canceled.map(waitOf);
  const queueWaits = accepted.map((event) => {
    const entered = Number(value(event, "TaskQueueEnteredDate") ?? NaN);
    return Number.isFinite(entered)
      ? Math.max(0, Math.floor(event.eventDate / 1000) - entered)
      : waitOf(event);
  });
  const split: Record<string, unknown> = {};
  for (const threshold of window.split) {
    split[String(threshold)] = {
      above: {
        tasks_canceled: cancelWaits.filter((w) => w > threshold).length,
        reservations_accepted: acceptWaits.filter((w) => w > threshold).length,
      },
      below: {
        tasks_canceled: cancelWaits.filter((w) => w <= threshold).length,
        reservations_accepted: acceptWaits.filter((w) => w <= threshold).length,
      },
    };
  }
  return {
    avg_task_acceptance_time: durations(acceptWaits).avg,
    start_time: iso(window.start),
    end_time: iso(window.end),
    ...reservationCounts(events),
    split_by_wait_time: window.split.length > 0 ? split : null,
    tasks_canceled: count("task.canceled"),
    tasks_completed: count("task.completed"),
    tasks_created: count("task.created"),
    tasks_deleted: count("task.deleted") + count("task.system-deleted"),
    tasks_entered: count("task-queue.entered"),
    tasks_moved: count("task-queue.moved"),
    tasks_timed_out_in_workflow: count("workflow.timeout"),
    wait_duration_until_accepted: durations(acceptWaits),
    wait_duration_until_canceled: durations(cancelWaits),
    wait_duration_in_queue_until_accepted: durations(queueWaits),
  };
}

/** Per-worker or all-worker cumulative figures: reservations and time spent in each activity. */
export function workersCumulative(
  engine: TaskRouterEngine,
  workspaceSid: string,
  form: Form,
  workerSid?: string,
) {
  engine.workspace(workspaceSid);
  const window = windowOf(engine, form);
  const mine = (event: TaskRouterEvent) => !workerSid || value(event, "WorkerSid") === workerSid;
  const events = eventsIn(engine, workspaceSid, window, mine);
  const spans = new Map<string, number[]>();
  for (const event of events) {
    if (event.eventType !== "worker.activity.update") continue;
    const previous = value(event, "WorkerPreviousActivitySid");
    const seconds = Number(value(event, "WorkerTimeInPreviousActivity") ?? 0);
    if (previous) spans.set(previous, [...(spans.get(previous) ?? []), seconds]);
  }
  // Time in the current activity counts up to now (or the window's end).
  const workers = engine
    .inWorkspace(engine.state.workers, workspaceSid)
    .filter((worker) => !workerSid || worker.sid === workerSid);
  for (const worker of workers) {
    const since = Math.max(worker.dateStatusChanged, window.start);
    if (since < window.end)
      spans.set(worker.activitySid, [
        ...(spans.get(worker.activitySid) ?? []),
        Math.floor((window.end - since) / 1000),
      ]);
  }
  const activityDurations = engine
    .inWorkspace(engine.state.activities, workspaceSid)
    .map((activity) => ({
      sid: activity.sid,
      friendly_name: activity.friendlyName,
      ...durations(spans.get(activity.sid) ?? []),
    }));
  return {
    activity_durations: activityDurations,
    start_time: iso(window.start),
    end_time: iso(window.end),
    ...reservationCounts(events),
    tasks_assigned: events.filter((event) => event.eventType === "reservation.accepted").length,
  };
}

export const scopes = {
  queue: (queueSid: string) => (event: TaskRouterEvent) =>
    value(event, "TaskQueueSid") === queueSid,
  workflow: (workflowSid: string) => (event: TaskRouterEvent) =>
    value(event, "WorkflowSid") === workflowSid,
  workspace: () => () => true,
};
