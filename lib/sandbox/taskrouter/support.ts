/**
 * What the TaskRouter engine emulates (rows of SUPPORT.md / GET /sandbox/support).
 */
import type { SupportEntry } from "../core/types";

const s = (
  area: string,
  item: string,
  status: SupportEntry["status"],
  notes?: string,
): SupportEntry => ({
  area,
  item,
  status,
  ...(notes ? { notes } : {}),
});

export const TASKROUTER_SUPPORT: SupportEntry[] = [
  // REST resources
  s(
    "TaskRouter REST",
    "Workspaces (create, fetch, list, update, delete)",
    "supported",
    "Template=FIFO creates Sample Queue + Default Fifo Workflow; new workspaces get Offline/Available/Unavailable and default, voice, sms, chat, video, email task channels",
  ),
  s(
    "TaskRouter REST",
    "Activities",
    "supported",
    "Available is immutable after creation; default/timeout or in-use activities cannot be deleted",
  ),
  s("TaskRouter REST", "TaskChannels", "supported"),
  s(
    "TaskRouter REST",
    "TaskQueues",
    "supported",
    "List filters FriendlyName, EvaluateWorkerAttributes, WorkerSid, Ordering=DateUpdated",
  ),
  s(
    "TaskRouter REST",
    "Workflows",
    "supported",
    "Configuration validated on save (queues, expressions, order_by); ReEvaluateTasks re-routes pending tasks",
  ),
  s(
    "TaskRouter REST",
    "Workers",
    "supported",
    "List filters ActivitySid, ActivityName, Available, FriendlyName, TargetWorkersExpression, TaskQueueSid, TaskQueueName, Ordering; If-Match on update",
  ),
  s("TaskRouter REST", "Worker Channels (Capacity, Available)", "supported"),
  s(
    "TaskRouter REST",
    "Tasks",
    "supported",
    "If-Match / ETag versions (412 on mismatch); list filters AssignmentStatus, WorkflowSid/Name, TaskQueueSid/Name, EvaluateTaskAttributes, Ordering",
  ),
  s("TaskRouter REST", "Tasks HasAddons / addons", "unsupported", 'addons is always "{}"'),
  s(
    "TaskRouter REST",
    "Reservations (Task and Worker sub-resources)",
    "supported",
    "ReservationStatus accepted/rejected(+WorkerActivitySid)/wrapping/completed and Instruction=dequeue/call/redirect/conference",
  ),
  s(
    "TaskRouter REST",
    "Reservation Supervisor / SupervisorMode",
    "unsupported",
    "Flex-only; logged as unsupported",
  ),
  s(
    "TaskRouter REST",
    "Events (list, fetch, filters)",
    "supported",
    "30-day history, newest first",
  ),
  s(
    "TaskRouter REST",
    "RealTimeStatistics (workspace, queue, bulk queues, workers, workflow)",
    "supported",
    "Computed from live state",
  ),
  s(
    "TaskRouter REST",
    "CumulativeStatistics / Statistics",
    "supported",
    "Computed from the event history over Minutes/StartDate/EndDate; SplitByWaitTime supported",
  ),
  // Routing
  s(
    "TaskRouter routing",
    "Workflow filters (first match), targets in order, default_filter",
    "supported",
  ),
  s(
    "TaskRouter routing",
    "Target queue / priority / timeout / expression",
    "supported",
    "Timeouts add up from when the task entered the filter (task age), as Twilio documents",
  ),
  s(
    "TaskRouter routing",
    "skip_if (workers.available / unavailable / WA…)",
    "supported",
    "Evaluated only when no reservation can be created right away",
  ),
  s(
    "TaskRouter routing",
    "order_by",
    "supported",
    "Integer worker attributes; missing or non-integer sort last; ties by longest idle",
  ),
  s(
    "TaskRouter routing",
    "known_worker_sid / known_worker_friendly_name",
    "supported",
    "Error 40152 in the debugger when the worker is not in the queue",
  ),
  s(
    "TaskRouter routing",
    "Falling off the workflow",
    "supported",
    'workflow.timeout, then the task is canceled (reason "Workflow Timeout")',
  ),
  s("TaskRouter routing", "MaxReservedWorkers (multi-reservation) and rescind", "supported"),
  s(
    "TaskRouter routing",
    "Multi-tasking capacity per task channel",
    "supported",
    "Capacity from the worker's channel configuration (Worker Channels API); default 1",
  ),
  s(
    "TaskRouter routing",
    "Single-tasking ReservationActivitySid / AssignmentActivitySid",
    "supported",
  ),
  s(
    "TaskRouter routing",
    "Longest-idle ordering",
    "supported",
    "Idle since the later of the last activity change and the channel's last reservation",
  ),
  s(
    "TaskRouter routing",
    "Reservation timeout (TaskReservationTimeout, default 120 s)",
    "supported",
    "Worker moves to the workspace TimeoutActivity",
  ),
  s(
    "TaskRouter routing",
    "Task TTL, max 1000 reservations, deletion 5 minutes after completion/cancel",
    "supported",
  ),
  s(
    "TaskRouter routing",
    "Task routing by RoutingTarget (worker)",
    "partial",
    "A WK… RoutingTarget restricts the task to that worker in every target",
  ),
  s(
    "TaskRouter routing",
    "Task transfers, Flex conference participant routes",
    "unsupported",
    "TaskRouter v2 routes are not emulated",
  ),
  // Callbacks
  s(
    "TaskRouter callbacks",
    "Assignment callback (signed, 5 s, JSON instruction, fallback URL)",
    "supported",
  ),
  s("TaskRouter callbacks", "Instruction accept / reject(activity_sid)", "supported"),
  s(
    "TaskRouter callbacks",
    "Instruction conference",
    "supported",
    "Worker dialed into a conference named after the TaskSid; when the worker answers the caller is moved in and the reservation accepted; task attributes get conference.sid/participants",
  ),
  s(
    "TaskRouter callbacks",
    "Instruction dequeue",
    "supported",
    "The voice engine rings the worker and bridges it with the queued caller; accepted when the worker answers; adds worker_call_sid",
  ),
  s("TaskRouter callbacks", "Instruction call", "supported", "Adds worker_call_sid"),
  s("TaskRouter callbacks", "Instruction redirect", "supported"),
  s(
    "TaskRouter callbacks",
    "post_work_activity_sid",
    "supported",
    "Applied when the task goes to wrapping or completed",
  ),
  s(
    "TaskRouter callbacks",
    "Event callbacks (EventCallbackUrl, EventsFilter)",
    "supported",
    "Delivered in order per workspace; fields of the event reference incl. Sid, TimestampMs, previous-activity fields",
  ),
  s(
    "TaskRouter callbacks",
    "task-channel.*, task-queue.*, workflow.*, workspace.*, activity.* events",
    "supported",
  ),
  s("TaskRouter callbacks", "task.transfer-* events", "unsupported"),
  // Expressions
  s(
    "TaskRouter expression",
    "==, !=, >, >=, <, <=, CONTAINS, HAS, IN, NOT IN, AND, OR, ( )",
    "supported",
    "Grammar in lib/sandbox/taskrouter/expression.peggy; keywords case-insensitive",
  ),
  s(
    "TaskRouter expression",
    "References with dots and [i] indexes, missing → NULL",
    "supported",
    "Any comparison with NULL is false; the null constant tests presence",
  ),
  s(
    "TaskRouter expression",
    "task./worker. prefixes in target expressions (worker.sid, friendly_name, activity_sid, activity_name)",
    "supported",
  ),
  // SDK bridge
  s(
    "twilio-taskrouter SDK",
    "Event bridge (wsServer / ebServer)",
    "supported",
    "ready, activities, setAsCurrent, reservationCreated, reservation accepted/rejected/timeout/canceled/rescinded/completed/wrapup, task events, tokenExpired/updateToken, disconnected and reconnect",
  ),
  s("twilio-taskrouter SDK", "GraphQL signaling (useGraphQL)", "unsupported"),
  s(
    "twilio-taskrouter SDK",
    "Transfers, hold, kick, updateParticipant (v2 routes)",
    "unsupported",
    "Logged as unsupported",
  ),
  s(
    "twilio-taskrouter SDK",
    "setWorkerOfflineIfDisconnected",
    "supported",
    "Worker moved to Offline 30 s (sandbox clock) after its last session closed",
  ),
];
