/**
 * The TaskRouter engine's in-memory state. Times are epoch milliseconds on the sandbox clock.
 * Everything here is plain data (snapshots serialise it as is); timers are derived from it and
 * re-armed on restore.
 */
import type { WorkflowConfig } from "./workflow-config";

export type AssignmentStatus =
  "pending" | "reserved" | "assigned" | "wrapping" | "completed" | "canceled";
export type ReservationStatus =
  | "pending"
  | "accepted"
  | "rejected"
  | "timeout"
  | "canceled"
  | "rescinded"
  | "wrapping"
  | "completed";

export interface Workspace {
  sid: string;
  friendlyName: string;
  eventCallbackUrl: string | null;
  eventsFilter: string | null;
  multiTaskEnabled: boolean;
  prioritizeQueueOrder: "FIFO" | "LIFO";
  defaultActivitySid: string;
  timeoutActivitySid: string;
  dateCreated: number;
  dateUpdated: number;
}

export interface Activity {
  sid: string;
  workspaceSid: string;
  friendlyName: string;
  available: boolean;
  dateCreated: number;
  dateUpdated: number;
}

export interface TaskChannel {
  sid: string;
  workspaceSid: string;
  uniqueName: string;
  friendlyName: string;
  channelOptimizedRouting: boolean | null;
  dateCreated: number;
  dateUpdated: number;
}

export interface TaskQueue {
  sid: string;
  workspaceSid: string;
  friendlyName: string;
  targetWorkers: string;
  maxReservedWorkers: number;
  taskOrder: "FIFO" | "LIFO";
  reservationActivitySid: string | null;
  assignmentActivitySid: string | null;
  dateCreated: number;
  dateUpdated: number;
}

export interface Workflow {
  sid: string;
  workspaceSid: string;
  friendlyName: string;
  /** The configuration JSON exactly as given (REST returns the string). */
  configuration: string;
  config: WorkflowConfig;
  assignmentCallbackUrl: string | null;
  fallbackAssignmentCallbackUrl: string | null;
  taskReservationTimeout: number;
  dateCreated: number;
  dateUpdated: number;
}

export interface Worker {
  sid: string;
  workspaceSid: string;
  friendlyName: string;
  attributes: string;
  activitySid: string;
  dateCreated: number;
  dateUpdated: number;
  /** When the worker entered its current activity. */
  dateStatusChanged: number;
  version: number;
}

export interface WorkerChannel {
  sid: string;
  workspaceSid: string;
  workerSid: string;
  taskChannelSid: string;
  configuredCapacity: number;
  available: boolean;
  lastReservedTime: number | null;
  dateCreated: number;
  dateUpdated: number;
}

/** Where a task is in its workflow. */
export interface RoutingPosition {
  /** Index into config.filters, or "default" for default_filter, or null (no filter matched). */
  filter: number | "default" | null;
  target: number;
  /** When the task entered the current filter: target timeouts add up from here (Twilio ages them). */
  filterEnteredAt: number;
  /** The step's timeout passed while a reservation was pending: move on once it ends. */
  timedOut: boolean;
}

export interface Task {
  sid: string;
  workspaceSid: string;
  workflowSid: string;
  attributes: string;
  priority: number;
  /** TTL in seconds. */
  timeout: number;
  taskChannelSid: string;
  assignmentStatus: AssignmentStatus;
  reason: string | null;
  taskQueueSid: string | null;
  taskQueueEnteredDate: number | null;
  dateCreated: number;
  dateUpdated: number;
  virtualStartTime: number;
  routingTarget: string | null;
  version: number;
  routing: RoutingPosition;
  /** Times the task went from pending to reserved (Twilio cancels after 1000). */
  reservationCount: number;
  /** When the task reached completed/canceled (deleted 5 minutes later). */
  terminalAt: number | null;
  /** Activity to put the worker in when the task leaves `assigned` (dequeue/conference post_work_activity_sid). */
  postWorkActivitySid: string | null;
}

export interface Reservation {
  sid: string;
  workspaceSid: string;
  taskSid: string;
  workerSid: string;
  taskQueueSid: string | null;
  status: ReservationStatus;
  /** Seconds (the workflow's TaskReservationTimeout when created). */
  timeout: number;
  dateCreated: number;
  dateUpdated: number;
  version: number;
  workerPreviousActivitySid: string;
  canceledReasonCode: number | null;
}

export interface TaskRouterEvent {
  sid: string;
  workspaceSid: string;
  eventType: string;
  description: string;
  resourceType: string;
  resourceSid: string;
  resourceUrl: string;
  actorType: string;
  actorSid: string;
  actorUrl: string;
  eventDate: number;
  /** Event callback form parameters, in the order they are sent. */
  params: [string, string][];
}

export interface TaskRouterState {
  workspaces: Map<string, Workspace>;
  activities: Map<string, Activity>;
  taskChannels: Map<string, TaskChannel>;
  taskQueues: Map<string, TaskQueue>;
  workflows: Map<string, Workflow>;
  workers: Map<string, Worker>;
  workerChannels: Map<string, WorkerChannel>;
  tasks: Map<string, Task>;
  reservations: Map<string, Reservation>;
  events: TaskRouterEvent[];
}

export function emptyState(): TaskRouterState {
  return {
    workspaces: new Map(),
    activities: new Map(),
    taskChannels: new Map(),
    taskQueues: new Map(),
    workflows: new Map(),
    workers: new Map(),
    workerChannels: new Map(),
    tasks: new Map(),
    reservations: new Map(),
    events: [],
  };
}

/** Active = still holds the worker's capacity: pending, accepted (task assigned) or wrapping. */
export function isActiveReservation(reservation: Reservation): boolean {
  return (
    reservation.status === "pending" ||
    reservation.status === "accepted" ||
    reservation.status === "wrapping"
  );
}

export function isTerminalTask(task: Task): boolean {
  return task.assignmentStatus === "completed" || task.assignmentStatus === "canceled";
}

export function parseAttributes(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
