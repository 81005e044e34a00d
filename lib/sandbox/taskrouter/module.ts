/**
 * The TaskRouter module of the sandbox: mounts the v1 REST API and the event bridge, publishes
 * `ctx.taskrouter` (used by `<Enqueue workflowSid>` in the voice engine), feeds the console
 * board, and snapshots / restores / resets its state.
 */
import type {
  SandboxContext,
  SandboxLogger,
  SandboxModule,
  SandboxModuleFactory,
  TaskRouterEngineApi,
} from "../core/types";
import { EventBridge } from "./bridge/event-bridge";
import { TaskRouterEngine } from "./engine";
import { emptyState, parseAttributes, type TaskRouterState, type Workflow } from "./model";
import { createTask as createTaskOp } from "./ops/tasks";
import { cancelTask, armStepTimer, armTtl, installRouting, scheduleDeletion } from "./routing";
import { timeoutReservation, wrapTask } from "./reservations";
import { restRoutes } from "./rest/routes";
import { reservationJson, taskJson, workerJson } from "./serialize";
import { TASKROUTER_SUPPORT } from "./support";
import { parseWorkflowConfig } from "./workflow-config";

export type TaskRouterModule = SandboxModule & {
  engine: TaskRouterEngine;
  bridge: EventBridge;
  api: TaskRouterEngineApi;
};

type Snapshot = { version: 1 } & {
  [K in keyof TaskRouterState]: K extends "events" ? TaskRouterState["events"] : unknown[];
};

/** Mounted from lib/sandbox/server/modules.ts. */
export const taskrouterModule: SandboxModuleFactory = (ctx) => createTaskRouterModule(ctx);

export function createTaskRouterModule(
  ctx: SandboxContext,
  options: { heartbeatMs?: number } = {},
): TaskRouterModule {
  const engine = new TaskRouterEngine(ctx);
  installRouting(engine);
  const bridge = new EventBridge(engine, { heartbeatMs: options.heartbeatMs });

  // Live board for the sandbox console: one update per resource an event touched.
  engine.events.onEvent((event, subject) => {
    if (subject.task && engine.state.tasks.has(subject.task.sid)) {
      ctx.emit("task.updated", { ...taskJson(engine, subject.task), event_type: event.eventType });
    }
    if (subject.reservation) {
      ctx.emit("reservation.updated", {
        ...reservationJson(engine, subject.reservation),
        event_type: event.eventType,
      });
    }
    if (subject.worker && engine.state.workers.has(subject.worker.sid)) {
      ctx.emit("worker.updated", {
        ...workerJson(engine, subject.worker),
        event_type: event.eventType,
      });
    }
  });

  const api: TaskRouterEngineApi = {
    async createTask(options) {
      const workflow = engine.state.workflows.get(options.workflowSid);
      if (!workflow) throw new Error(`Workflow ${options.workflowSid} not found`);
      const task = engine.as({ type: "workspace", sid: workflow.workspaceSid }, () =>
        createTaskOp(engine, workflow.workspaceSid, {
          WorkflowSid: workflow.sid,
          Attributes: JSON.stringify(options.attributes),
          ...(options.priority !== undefined ? { Priority: String(options.priority) } : {}),
          ...(options.timeoutSeconds !== undefined
            ? { Timeout: String(options.timeoutSeconds) }
            : {}),
          TaskChannel: options.taskChannel ?? "voice",
        }),
      );
      return { taskSid: task.sid };
    },
    async cancelTask(taskSid, reason) {
      const task = engine.state.tasks.get(taskSid);
      if (!task || (task.assignmentStatus !== "pending" && task.assignmentStatus !== "reserved"))
        return;
      engine.as({ type: "workspace", sid: task.workspaceSid }, () => {
        cancelTask(engine, task, reason);
        engine.dispatch(task.workspaceSid);
      });
    },
    // Like Twilio for conference/dequeue tasks: when the customer's call ends, an assigned task wraps up.
    onCallEnded(callSid) {
      for (const task of engine.state.tasks.values()) {
        if (task.assignmentStatus !== "assigned") continue;
        if (parseAttributes(task.attributes).call_sid !== callSid) continue;
        engine.as({ type: "workspace", sid: task.workspaceSid }, () => {
          wrapTask(engine, task, null);
          engine.dispatch(task.workspaceSid);
        });
      }
    },
  };
  ctx.taskrouter = api;

  return {
    name: "taskrouter",
    engine,
    bridge,
    api,
    routes: [...restRoutes(engine), bridge.httpRoute()],
    wsRoutes: [bridge.wsRoute()],
    support: TASKROUTER_SUPPORT,
    state: () => boardState(engine, bridge),
    reset() {
      engine.clearAllTimers();
      engine.state = emptyState();
      bridge.disconnectAll("Sandbox reset");
    },
    snapshot(): Snapshot {
      const { state } = engine;
      return {
        version: 1,
        workspaces: [...state.workspaces.values()],
        activities: [...state.activities.values()],
        taskChannels: [...state.taskChannels.values()],
        taskQueues: [...state.taskQueues.values()],
        workflows: [...state.workflows.values()].map(
          ({ config: _config, ...workflow }) => workflow,
        ),
        workers: [...state.workers.values()],
        workerChannels: [...state.workerChannels.values()],
        tasks: [...state.tasks.values()],
        reservations: [...state.reservations.values()],
        events: state.events,
      };
    },
    restore(raw) {
      const snapshot = raw as Partial<Snapshot> | null;
      engine.clearAllTimers();
      engine.state = restoreState(snapshot, ctx.log);
      rearmTimers(engine);
    },
    close() {
      bridge.close();
      engine.clearAllTimers();
    },
  };
}

function restoreState(snapshot: Partial<Snapshot> | null, log: SandboxLogger): TaskRouterState {
  const state = emptyState();
  if (!snapshot || snapshot.version !== 1) return state;
  const load = <T extends { sid: string }>(map: Map<string, T>, items: unknown[] | undefined) => {
    for (const item of (items ?? []) as T[]) map.set(item.sid, item);
  };
  load(state.workspaces, snapshot.workspaces);
  load(state.activities, snapshot.activities);
  load(state.taskChannels, snapshot.taskChannels);
  load(state.taskQueues, snapshot.taskQueues);
  load(state.workers, snapshot.workers);
  load(state.workerChannels, snapshot.workerChannels);
  load(state.tasks, snapshot.tasks);
  load(state.reservations, snapshot.reservations);
  for (const item of (snapshot.workflows ?? []) as Record<string, unknown>[]) {
    const workflow = item as unknown as Workflow;
    // The configuration was validated when it was saved; a snapshot edited by hand may not be.
    try {
      workflow.config = parseWorkflowConfig(workflow.configuration, (sid) =>
        state.taskQueues.has(sid),
      );
    } catch (error) {
      log.warn(
        "taskrouter: invalid workflow configuration in the snapshot; its tasks will not route",
        {
          workflowSid: workflow.sid,
          error: String(error),
        },
      );
      workflow.config = { filters: [], defaultFilter: null };
    }
    state.workflows.set(workflow.sid, workflow);
  }
  state.events = snapshot.events ?? [];
  return state;
}

/** Timers are not state: derive them again from the restored tasks and reservations. */
function rearmTimers(engine: TaskRouterEngine): void {
  for (const task of engine.state.tasks.values()) {
    if (task.assignmentStatus === "pending" || task.assignmentStatus === "reserved") {
      armTtl(engine, task);
      if (!task.routing.timedOut) armStepTimer(engine, task);
    }
    if (task.terminalAt !== null) scheduleDeletion(engine, task);
  }
  for (const reservation of engine.state.reservations.values()) {
    if (reservation.status !== "pending") continue;
    engine.setTimer(
      `reservation:${reservation.sid}`,
      reservation.dateCreated + reservation.timeout * 1000,
      () => timeoutReservation(engine, reservation.sid),
    );
  }
}

/** The console board's view: per workspace, queues with waiting counts, workers, live tasks and reservations. */
function boardState(engine: TaskRouterEngine, bridge: EventBridge) {
  return [...engine.state.workspaces.values()].map((workspace) => ({
    sid: workspace.sid,
    friendlyName: workspace.friendlyName,
    queues: engine.inWorkspace(engine.state.taskQueues, workspace.sid).map((queue) => ({
      sid: queue.sid,
      friendlyName: queue.friendlyName,
      targetWorkers: queue.targetWorkers,
      waiting: engine
        .inWorkspace(engine.state.tasks, workspace.sid)
        .filter(
          (task) =>
            task.taskQueueSid === queue.sid &&
            (task.assignmentStatus === "pending" || task.assignmentStatus === "reserved"),
        ).length,
    })),
    workers: engine.inWorkspace(engine.state.workers, workspace.sid).map((worker) => ({
      sid: worker.sid,
      friendlyName: worker.friendlyName,
      activitySid: worker.activitySid,
      activityName: engine.state.activities.get(worker.activitySid)?.friendlyName ?? null,
      available: engine.state.activities.get(worker.activitySid)?.available ?? false,
      connected: bridge.sessionCount(worker.sid) > 0,
      attributes: parseAttributes(worker.attributes),
    })),
    tasks: engine.inWorkspace(engine.state.tasks, workspace.sid).map((task) => ({
      sid: task.sid,
      assignmentStatus: task.assignmentStatus,
      taskQueueSid: task.taskQueueSid,
      priority: task.priority,
      age: taskJson(engine, task).age,
      reason: task.reason,
      attributes: parseAttributes(task.attributes),
      reservations: engine.reservationsOfTask(task.sid).map((reservation) => ({
        sid: reservation.sid,
        workerSid: reservation.workerSid,
        status: reservation.status,
      })),
    })),
  }));
}
