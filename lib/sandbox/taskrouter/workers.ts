/**
 * Worker state shared by routing and the APIs: activity changes (with the previous-activity
 * fields of `worker.activity.update`), capacity per task channel, and who may take a task now.
 */
import type { TaskRouterEngine } from "./engine";
import { isActiveReservation, type Task, type Worker, type WorkerChannel } from "./model";

/** Moves a worker to an activity and publishes `worker.activity.update` (no-op when unchanged). */
export function setWorkerActivity(
  engine: TaskRouterEngine,
  worker: Worker,
  activitySid: string,
): boolean {
  if (worker.activitySid === activitySid) return false;
  const workspace = engine.workspace(worker.workspaceSid);
  const previous = engine.state.activities.get(worker.activitySid);
  const next = engine.activity(worker.workspaceSid, activitySid);
  const now = engine.now();
  const timeInPrevious = now - worker.dateStatusChanged;
  worker.activitySid = activitySid;
  worker.dateStatusChanged = now;
  worker.dateUpdated = now;
  worker.version += 1;
  engine.events.publish("worker.activity.update", {
    workspace,
    worker,
    activity: next,
    extra: [
      ["WorkerTimeInPreviousActivity", String(Math.floor(timeInPrevious / 1000))],
      ["WorkerTimeInPreviousActivityMs", String(timeInPrevious)],
      ["WorkerPreviousActivitySid", previous?.sid ?? ""],
      ["WorkerPreviousActivityName", previous?.friendlyName ?? ""],
    ],
  });
  return true;
}

export function isWorkerAvailable(engine: TaskRouterEngine, worker: Worker): boolean {
  return engine.state.activities.get(worker.activitySid)?.available === true;
}

/** Reservations and assignments that hold the worker's capacity on a task channel. */
export function activeCount(
  engine: TaskRouterEngine,
  workerSid: string,
  taskChannelSid?: string,
): number {
  return engine.reservationsOfWorker(workerSid).filter((reservation) => {
    if (!isActiveReservation(reservation)) return false;
    if (taskChannelSid === undefined) return true;
    return engine.state.tasks.get(reservation.taskSid)?.taskChannelSid === taskChannelSid;
  }).length;
}

/**
 * Whether the worker can take one more task of this task's channel now. Multi-tasking
 * workspaces (the default) count per channel against its configured capacity; single-tasking
 * workspaces give a worker one task at a time.
 */
export function hasCapacityFor(engine: TaskRouterEngine, worker: Worker, task: Task): boolean {
  if (!isWorkerAvailable(engine, worker)) return false;
  const workspace = engine.workspace(worker.workspaceSid);
  if (!workspace.multiTaskEnabled) return activeCount(engine, worker.sid) === 0;
  const channel = engine.workerChannel(worker.sid, task.taskChannelSid);
  if (!channel || !channel.available) return false;
  return activeCount(engine, worker.sid, task.taskChannelSid) < channel.configuredCapacity;
}

/** When the worker became idle for this channel: longest-idle routing prefers the earliest. */
export function idleSince(
  engine: TaskRouterEngine,
  worker: Worker,
  taskChannelSid: string,
): number {
  const channels = engine.workspace(worker.workspaceSid).multiTaskEnabled
    ? [engine.workerChannel(worker.sid, taskChannelSid)]
    : engine.workerChannels(worker.sid);
  const lastReserved = Math.max(0, ...channels.map((channel) => channel?.lastReservedTime ?? 0));
  return Math.max(worker.dateStatusChanged, lastReserved);
}

/** New workers get a channel per task channel; new task channels get one on every worker. */
export function createWorkerChannel(
  engine: TaskRouterEngine,
  worker: Worker,
  taskChannelSid: string,
): WorkerChannel {
  const now = engine.now();
  const channel: WorkerChannel = {
    sid: engine.newSid("WC"),
    workspaceSid: worker.workspaceSid,
    workerSid: worker.sid,
    taskChannelSid,
    configuredCapacity: 1,
    available: true,
    lastReservedTime: null,
    dateCreated: now,
    dateUpdated: now,
  };
  engine.state.workerChannels.set(channel.sid, channel);
  return channel;
}
