/**
 * Workers and their channels. https://www.twilio.com/docs/taskrouter/api/worker, /worker-channel
 */
import type { TaskRouterEngine } from "../engine";
import { invalid, TaskRouterApiError } from "../errors";
import { attributesResolver, evaluate, ExpressionError, validateExpression } from "../expression";
import { isActiveReservation, parseAttributes, type Worker, type WorkerChannel } from "../model";
import { rejectReservation } from "../reservations";
import { queueMembers } from "../routing";
import { createWorkerChannel, setWorkerActivity } from "../workers";
import { attributesParam, booleanParam, integerParam, param, required, type Form } from "./params";

export function checkVersion(kind: string, current: number, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === "" || ifMatch === "*") return;
  if (ifMatch.replace(/^W\//, "").replace(/"/g, "") !== String(current)) {
    throw new TaskRouterApiError(
      412,
      20412,
      `${kind} version ${current} does not match If-Match ${ifMatch}: it was changed by someone else`,
    );
  }
}

export function createWorker(engine: TaskRouterEngine, workspaceSid: string, form: Form): Worker {
  const workspace = engine.workspace(workspaceSid);
  const friendlyName = required(form, "FriendlyName");
  if (
    engine
      .inWorkspace(engine.state.workers, workspaceSid)
      .some((worker) => worker.friendlyName === friendlyName)
  ) {
    throw new TaskRouterApiError(
      409,
      20409,
      `A Worker with FriendlyName "${friendlyName}" already exists`,
    );
  }
  const activitySid = param(form, "ActivitySid") || workspace.defaultActivitySid;
  engine.activity(workspaceSid, activitySid);
  const now = engine.now();
  const worker: Worker = {
    sid: engine.newSid("WK"),
    workspaceSid,
    friendlyName,
    attributes: attributesParam(form) ?? "{}",
    activitySid,
    dateCreated: now,
    dateUpdated: now,
    dateStatusChanged: now,
    version: 0,
  };
  engine.state.workers.set(worker.sid, worker);
  for (const channel of engine.inWorkspace(engine.state.taskChannels, workspaceSid))
    createWorkerChannel(engine, worker, channel.sid);
  engine.events.publish("worker.created", { workspace, worker });
  engine.dispatch(workspaceSid);
  return worker;
}

export function updateWorker(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workerSid: string,
  form: Form,
  ifMatch?: string,
): Worker {
  const workspace = engine.workspace(workspaceSid);
  const worker = engine.worker(workspaceSid, workerSid);
  checkVersion("Worker", worker.version, ifMatch);
  const activitySid = param(form, "ActivitySid");
  const activity = activitySid ? engine.activity(workspaceSid, activitySid) : null;
  const attributes = attributesParam(form);
  const rejectPending = booleanParam(form, "RejectPendingReservations") ?? false;
  const friendlyName = param(form, "FriendlyName");
  if (rejectPending && activity?.available) {
    throw invalid(
      "RejectPendingReservations is only valid when moving the Worker to an unavailable Activity",
    );
  }
  if (friendlyName && friendlyName !== worker.friendlyName) {
    if (
      engine
        .inWorkspace(engine.state.workers, workspaceSid)
        .some((other) => other.friendlyName === friendlyName)
    ) {
      throw new TaskRouterApiError(
        409,
        20409,
        `A Worker with FriendlyName "${friendlyName}" already exists`,
      );
    }
    worker.friendlyName = friendlyName;
    worker.dateUpdated = engine.now();
    worker.version += 1;
  }
  if (attributes !== undefined && attributes !== worker.attributes) {
    worker.attributes = attributes;
    worker.dateUpdated = engine.now();
    worker.version += 1;
    engine.events.publish("worker.attributes.update", { workspace, worker });
  }
  if (activity) {
    if (rejectPending) {
      for (const reservation of engine.reservationsOfWorker(worker.sid)) {
        if (reservation.status === "pending") rejectReservation(engine, reservation);
      }
    }
    setWorkerActivity(engine, worker, activity.sid);
  }
  engine.dispatch(workspaceSid);
  return worker;
}

export function deleteWorker(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workerSid: string,
  ifMatch?: string,
): void {
  const workspace = engine.workspace(workspaceSid);
  const worker = engine.worker(workspaceSid, workerSid);
  checkVersion("Worker", worker.version, ifMatch);
  if (engine.reservationsOfWorker(workerSid).some(isActiveReservation)) {
    throw invalid(`Worker ${workerSid} has pending or assigned Reservations and cannot be deleted`);
  }
  engine.events.publish("worker.deleted", { workspace, worker });
  for (const channel of engine.workerChannels(workerSid))
    engine.state.workerChannels.delete(channel.sid);
  engine.state.workers.delete(workerSid);
}

export function workerChannelOf(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workerSid: string,
  sidOrName: string,
): WorkerChannel {
  engine.worker(workspaceSid, workerSid);
  const channel = engine
    .workerChannels(workerSid)
    .find(
      (candidate) =>
        candidate.sid === sidOrName ||
        engine.state.taskChannels.get(candidate.taskChannelSid)?.uniqueName === sidOrName,
    );
  if (!channel)
    throw new TaskRouterApiError(
      404,
      20404,
      `The requested resource /Workspaces/${workspaceSid}/Workers/${workerSid}/Channels/${sidOrName} was not found`,
    );
  return channel;
}

export function updateWorkerChannel(
  engine: TaskRouterEngine,
  workspaceSid: string,
  workerSid: string,
  sidOrName: string,
  form: Form,
): WorkerChannel {
  const workspace = engine.workspace(workspaceSid);
  const worker = engine.worker(workspaceSid, workerSid);
  const channel = workerChannelOf(engine, workspaceSid, workerSid, sidOrName);
  const capacity = integerParam(form, "Capacity", 0, 50);
  const available = booleanParam(form, "Available");
  const taskChannel = engine.state.taskChannels.get(channel.taskChannelSid);
  const channelParams = (previousCapacity: number): [string, string][] => [
    ["TaskChannelSid", channel.taskChannelSid],
    ["TaskChannelUniqueName", taskChannel?.uniqueName ?? ""],
    ["WorkerChannelAvailable", String(channel.available)],
    ["WorkerChannelAvailableCapacity", String(channel.configuredCapacity)],
    ["WorkerChannelPreviousCapacity", String(previousCapacity)],
    [
      "WorkerChannelTaskCount",
      String(
        engine
          .reservationsOfWorker(workerSid)
          .filter(
            (r) =>
              isActiveReservation(r) &&
              engine.state.tasks.get(r.taskSid)?.taskChannelSid === channel.taskChannelSid,
          ).length,
      ),
    ],
  ];
  if (capacity !== undefined && capacity !== channel.configuredCapacity) {
    const previous = channel.configuredCapacity;
    channel.configuredCapacity = capacity;
    // Channel changes are worker changes: the SDK bumps its local worker version on these events.
    worker.version += 1;
    channel.dateUpdated = engine.now();
    engine.events.publish("worker.capacity.update", {
      workspace,
      worker,
      extra: channelParams(previous),
    });
  }
  if (available !== undefined && available !== channel.available) {
    channel.available = available;
    worker.version += 1;
    channel.dateUpdated = engine.now();
    engine.events.publish("worker.channel.availability.update", {
      workspace,
      worker,
      extra: channelParams(channel.configuredCapacity),
    });
  }
  engine.dispatch(workspaceSid);
  return channel;
}

/** GET /Workers filters (ActivityName, ActivitySid, Available, FriendlyName, TargetWorkersExpression, TaskQueueName, TaskQueueSid). */
export function listWorkers(engine: TaskRouterEngine, workspaceSid: string, form: Form): Worker[] {
  engine.workspace(workspaceSid);
  let workers = engine.inWorkspace(engine.state.workers, workspaceSid);
  const activitySid = param(form, "ActivitySid");
  const activityName = param(form, "ActivityName");
  const available = booleanParam(form, "Available");
  const friendlyName = param(form, "FriendlyName");
  const expression = param(form, "TargetWorkersExpression");
  const queueSid = param(form, "TaskQueueSid");
  const queueName = param(form, "TaskQueueName");
  if (activitySid) workers = workers.filter((worker) => worker.activitySid === activitySid);
  if (activityName)
    workers = workers.filter(
      (worker) => engine.state.activities.get(worker.activitySid)?.friendlyName === activityName,
    );
  if (available !== undefined)
    workers = workers.filter(
      (worker) =>
        (engine.state.activities.get(worker.activitySid)?.available ?? false) === available,
    );
  if (friendlyName) workers = workers.filter((worker) => worker.friendlyName === friendlyName);
  if (expression) {
    try {
      validateExpression(expression, "worker");
    } catch (error) {
      if (error instanceof ExpressionError)
        throw invalid(`Invalid TargetWorkersExpression: ${error.message}`);
      throw error;
    }
    workers = workers.filter((worker) =>
      evaluate(expression, attributesResolver(parseAttributes(worker.attributes))),
    );
  }
  if (queueSid || queueName) {
    const queue = engine
      .inWorkspace(engine.state.taskQueues, workspaceSid)
      .find((candidate) =>
        queueSid ? candidate.sid === queueSid : candidate.friendlyName === queueName,
      );
    const members = new Set(queue ? queueMembers(engine, queue).map((worker) => worker.sid) : []);
    workers = workers.filter((worker) => members.has(worker.sid));
  }
  const ordering = param(form, "Ordering");
  if (ordering && /^DateStatusChanged:(asc|desc)$/i.test(ordering)) {
    const desc = /desc$/i.test(ordering);
    workers.sort((a, b) =>
      desc ? b.dateStatusChanged - a.dateStatusChanged : a.dateStatusChanged - b.dateStatusChanged,
    );
  }
  return workers;
}
