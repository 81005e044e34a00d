/**
 * TaskRouter events (contract §4.6, https://www.twilio.com/docs/taskrouter/api/event/reference):
 * every state change is recorded once and fanned out to
 *   1. the Events list (`GET /Workspaces/{WS}/Events`),
 *   2. the workspace `EventCallbackUrl` (signed form POST, filtered by `EventsFilter`), delivered
 *      one after another per workspace so the app sees them in the order they happened,
 *   3. listeners in the sandbox: the event bridge (twilio-taskrouter SDK) and the console board.
 */
import type { TaskRouterEngine } from "./engine";
import type {
  Activity,
  Reservation,
  Task,
  TaskQueue,
  TaskRouterEvent,
  Worker,
  Workflow,
  Workspace,
} from "./model";
import { taskAge, workspaceUrl } from "./serialize";

export type EventSubject = {
  workspace: Workspace;
  task?: Task;
  reservation?: Reservation;
  worker?: Worker;
  queue?: TaskQueue | null;
  workflow?: Workflow;
  activity?: Activity;
  description?: string;
  /** Extra parameters appended after the standard ones (previous activity, filter name…). */
  extra?: [string, string][];
};

export type EventListener = (event: TaskRouterEvent, subject: EventSubject) => void;

/** Events about a task's movement through its workflow are about the task. */
const TASK_RESOURCE_EVENTS = new Set([
  "workflow.entered",
  "workflow.target-matched",
  "workflow.timeout",
  "workflow.skipped",
  "task-queue.entered",
  "task-queue.timeout",
  "task-queue.moved",
]);

const RESOURCE_TYPES: Record<string, string> = {
  task: "Task",
  reservation: "Reservation",
  worker: "Worker",
  activity: "Activity",
  workflow: "Workflow",
  workspace: "Workspace",
  "task-queue": "TaskQueue",
  "task-channel": "TaskChannel",
};

/** Twilio keeps 30 days of events; the sandbox also caps the count to keep snapshots small. */
const EVENT_RETENTION_MS = 30 * 24 * 3600 * 1000;
const MAX_EVENTS = 50_000;

export class EventPublisher {
  private readonly listeners = new Set<EventListener>();
  private readonly deliveries = new Map<string, Promise<void>>();

  constructor(private readonly engine: TaskRouterEngine) {}

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(eventType: string, subject: EventSubject): TaskRouterEvent {
    const engine = this.engine;
    const now = engine.now();
    const { resourceType, resourceSid, resourceUrl } = resourceOf(eventType, subject);
    const sid = engine.newSid("EV");
    const actor = engine.actor ?? { type: "workspace" as const, sid: subject.workspace.sid };
    const params = buildParams(engine, eventType, subject, { sid, now, resourceType, resourceSid });
    const event: TaskRouterEvent = {
      sid,
      workspaceSid: subject.workspace.sid,
      eventType,
      description: subject.description ?? describe(eventType, subject),
      resourceType,
      resourceSid,
      resourceUrl,
      actorType: actor.type,
      actorSid: actor.sid,
      actorUrl: actorUrl(actor, subject.workspace.sid),
      eventDate: now,
      params,
    };
    // The description goes into the params too, so compute it first.
    setParam(params, "EventDescription", event.description);
    engine.state.events.push(event);
    this.prune(now);
    this.deliver(subject.workspace, event);
    for (const listener of this.listeners) {
      try {
        listener(event, subject);
      } catch (error) {
        engine.ctx.log.error("taskrouter event listener failed", {
          eventType,
          error: String(error),
        });
      }
    }
    return event;
  }

  /** Resolves when every queued event callback has been delivered (tests, shutdown). */
  async idle(): Promise<void> {
    while (true) {
      const pending = [...this.deliveries.values()];
      if (pending.length === 0) return;
      await Promise.all(pending);
      if ([...this.deliveries.values()].every((p) => pending.includes(p))) return;
    }
  }

  private deliver(workspace: Workspace, event: TaskRouterEvent): void {
    const url = workspace.eventCallbackUrl;
    if (!url) return;
    if (!passesFilter(workspace.eventsFilter, event.eventType)) return;
    const params = Object.fromEntries(event.params);
    const previous = this.deliveries.get(workspace.sid) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await this.engine.ctx.webhooks.send({
          kind: "taskrouter-event",
          url,
          method: "POST",
          params,
          resourceSid: event.resourceSid,
        });
      } catch (error) {
        this.engine.ctx.log.error("taskrouter event callback failed", {
          url,
          error: String(error),
        });
      }
    });
    this.deliveries.set(workspace.sid, next);
    void next.then(() => {
      if (this.deliveries.get(workspace.sid) === next) this.deliveries.delete(workspace.sid);
    });
  }

  private prune(now: number): void {
    const events = this.engine.state.events;
    let drop = 0;
    while (drop < events.length && (events[drop]?.eventDate ?? now) < now - EVENT_RETENTION_MS)
      drop++;
    drop = Math.max(drop, events.length - MAX_EVENTS);
    if (drop > 0) events.splice(0, drop);
  }
}

export function passesFilter(filter: string | null, eventType: string): boolean {
  if (!filter || filter.trim() === "") return true;
  return filter
    .split(",")
    .map((item) => item.trim())
    .includes(eventType);
}

function resourceOf(eventType: string, subject: EventSubject) {
  const base = workspaceUrl(subject.workspace.sid);
  const prefix = eventType.split(".")[0] ?? "";
  if (TASK_RESOURCE_EVENTS.has(eventType) || prefix === "task") {
    const task = subject.task;
    if (task)
      return {
        resourceType: "Task",
        resourceSid: task.sid,
        resourceUrl: `${base}/Tasks/${task.sid}`,
      };
  }
  if (prefix === "reservation" && subject.reservation) {
    const r = subject.reservation;
    return {
      resourceType: "Reservation",
      resourceSid: r.sid,
      resourceUrl: `${base}/Tasks/${r.taskSid}/Reservations/${r.sid}`,
    };
  }
  if (prefix === "worker" && subject.worker) {
    return {
      resourceType: "Worker",
      resourceSid: subject.worker.sid,
      resourceUrl: `${base}/Workers/${subject.worker.sid}`,
    };
  }
  if (prefix === "activity" && subject.activity) {
    return {
      resourceType: "Activity",
      resourceSid: subject.activity.sid,
      resourceUrl: `${base}/Activities/${subject.activity.sid}`,
    };
  }
  if (prefix === "workflow" && subject.workflow) {
    return {
      resourceType: "Workflow",
      resourceSid: subject.workflow.sid,
      resourceUrl: `${base}/Workflows/${subject.workflow.sid}`,
    };
  }
  if (prefix === "task-queue" && subject.queue) {
    return {
      resourceType: "TaskQueue",
      resourceSid: subject.queue.sid,
      resourceUrl: `${base}/TaskQueues/${subject.queue.sid}`,
    };
  }
  return {
    resourceType: RESOURCE_TYPES[prefix] ?? "Workspace",
    resourceSid: subject.workspace.sid,
    resourceUrl: base,
  };
}

function actorUrl(actor: { type: string; sid: string }, workspaceSid: string): string {
  if (actor.type === "worker") return `${workspaceUrl(workspaceSid)}/Workers/${actor.sid}`;
  if (actor.type === "account") return `https://api.twilio.com/2010-04-01/Accounts/${actor.sid}`;
  return workspaceUrl(workspaceSid);
}

function setParam(params: [string, string][], key: string, value: string): void {
  const existing = params.find(([name]) => name === key);
  if (existing) existing[1] = value;
  else params.push([key, value]);
}

/** The form parameters of an event callback, in the order Twilio sends them. */
function buildParams(
  engine: TaskRouterEngine,
  eventType: string,
  subject: EventSubject,
  meta: { sid: string; now: number; resourceType: string; resourceSid: string },
): [string, string][] {
  const params: [string, string][] = [
    ["EventType", eventType],
    ["AccountSid", engine.ctx.account.accountSid],
    ["WorkspaceSid", subject.workspace.sid],
    ["WorkspaceName", subject.workspace.friendlyName],
    ["EventDescription", ""],
    ["ResourceType", meta.resourceType],
    ["ResourceSid", meta.resourceSid],
    ["Timestamp", String(Math.floor(meta.now / 1000))],
    ["TimestampMs", String(meta.now)],
    ["Sid", meta.sid],
  ];
  const { task, reservation, worker } = subject;
  if (task) {
    const channel = engine.state.taskChannels.get(task.taskChannelSid);
    params.push(
      ["TaskSid", task.sid],
      ["TaskAttributes", task.attributes],
      ["TaskAge", String(taskAge(engine, task))],
      ["TaskPriority", String(task.priority)],
      ["TaskAssignmentStatus", task.assignmentStatus],
      ["TaskChannelSid", task.taskChannelSid],
      ["TaskChannelUniqueName", channel?.uniqueName ?? ""],
      ["TaskDateCreated", String(Math.floor(task.dateCreated / 1000))],
      ["TaskVersion", String(task.version)],
    );
    if (task.assignmentStatus === "canceled" && task.reason !== null)
      params.push(["TaskCanceledReason", task.reason]);
    if (task.assignmentStatus === "completed" && task.reason !== null)
      params.push(["TaskCompletedReason", task.reason]);
    const queue =
      subject.queue !== undefined
        ? subject.queue
        : task.taskQueueSid
          ? engine.state.taskQueues.get(task.taskQueueSid)
          : undefined;
    if (queue) {
      params.push(
        ["TaskQueueSid", queue.sid],
        ["TaskQueueName", queue.friendlyName],
        ["TaskQueueTargetExpression", queue.targetWorkers],
      );
      if (task.taskQueueEnteredDate !== null)
        params.push(["TaskQueueEnteredDate", String(Math.floor(task.taskQueueEnteredDate / 1000))]);
    }
    const workflow = engine.state.workflows.get(task.workflowSid);
    if (workflow)
      params.push(["WorkflowSid", workflow.sid], ["WorkflowName", workflow.friendlyName]);
  } else if (subject.queue) {
    params.push(
      ["TaskQueueSid", subject.queue.sid],
      ["TaskQueueName", subject.queue.friendlyName],
      ["TaskQueueTargetExpression", subject.queue.targetWorkers],
    );
  } else if (subject.workflow) {
    params.push(
      ["WorkflowSid", subject.workflow.sid],
      ["WorkflowName", subject.workflow.friendlyName],
    );
  }
  if (reservation) {
    params.push(
      ["ReservationSid", reservation.sid],
      ["ReservationVersion", String(reservation.version)],
    );
  }
  if (worker) {
    const activity = engine.state.activities.get(worker.activitySid);
    params.push(
      ["WorkerSid", worker.sid],
      ["WorkerName", worker.friendlyName],
      ["WorkerAttributes", worker.attributes],
      ["WorkerActivitySid", worker.activitySid],
      ["WorkerActivityName", activity?.friendlyName ?? ""],
      ["WorkerVersion", String(worker.version)],
    );
  }
  if (subject.activity && !worker) {
    params.push(
      ["ActivitySid", subject.activity.sid],
      ["ActivityName", subject.activity.friendlyName],
      ["ActivityAvailable", String(subject.activity.available)],
    );
  }
  for (const entry of subject.extra ?? []) params.push(entry);
  return params;
}

function describe(eventType: string, subject: EventSubject): string {
  const task = subject.task?.sid ?? "";
  const worker = subject.worker?.friendlyName ?? subject.reservation?.workerSid ?? "";
  const reservation = subject.reservation?.sid ?? "";
  const queue = subject.queue?.friendlyName ?? "";
  switch (eventType) {
    case "task.created":
      return `Task ${task} created`;
    case "task.updated":
      return `Task ${task} updated`;
    case "task.canceled":
      return `Task ${task} canceled`;
    case "task.completed":
      return `Task ${task} completed`;
    case "task.wrapup":
      return `Task ${task} wrapping up`;
    case "task.deleted":
      return `Task ${task} deleted`;
    case "task.system-deleted":
      return `Task ${task} deleted by the system`;
    case "workflow.entered":
      return `Task ${task} entered Workflow ${subject.workflow?.friendlyName ?? ""}`;
    case "workflow.target-matched":
      return `Task ${task} matched a Workflow target (TaskQueue ${queue})`;
    case "workflow.timeout":
      return `Task ${task} timed out of Workflow ${subject.workflow?.friendlyName ?? ""}`;
    case "workflow.skipped":
      return `Task ${task} skipped a Workflow target (TaskQueue ${queue})`;
    case "task-queue.entered":
      return `Task ${task} entered TaskQueue ${queue}`;
    case "task-queue.timeout":
      return `Task ${task} timed out of TaskQueue ${queue}`;
    case "task-queue.moved":
      return `Task ${task} moved to TaskQueue ${queue}`;
    case "worker.activity.update":
      return `Worker ${worker} updated to ${subject.worker ? (subject.activity?.friendlyName ?? "") : ""} Activity`;
    case "worker.attributes.update":
      return `Worker ${worker} attributes updated`;
    case "worker.capacity.update":
      return `Worker ${worker} channel capacity updated`;
    case "worker.channel.availability.update":
      return `Worker ${worker} channel availability updated`;
    case "worker.created":
      return `Worker ${worker} created`;
    case "worker.deleted":
      return `Worker ${worker} deleted`;
    default:
      if (eventType.startsWith("reservation.")) {
        return `Reservation ${reservation} ${eventType.slice("reservation.".length)} for Worker ${worker} on Task ${task || (subject.reservation?.taskSid ?? "")}`;
      }
      return `${eventType} ${subject.activity?.friendlyName ?? subject.workflow?.friendlyName ?? queue ?? subject.workspace.friendlyName}`.trim();
  }
}
