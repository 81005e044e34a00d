/**
 * The TaskRouter v1 REST API (contract §7.2): Workspaces, Activities, TaskChannels, TaskQueues,
 * Workflows, Workers (+ Channels, Reservations), Tasks (+ Reservations), Events and statistics.
 */
import type { HttpRoute, SandboxRequest } from "../../core/types";
import type { TaskRouterEngine } from "../engine";
import { notFound } from "../errors";
import { passesFilter } from "../events";
import * as config from "../ops/config";
import { booleanParam, param, type Form } from "../ops/params";
import * as tasks from "../ops/tasks";
import * as workers from "../ops/workers";
import { attributesResolver, evaluate } from "../expression";
import { parseAttributes } from "../model";
import { queueMembers } from "../routing";
import {
  activityJson,
  eventJson,
  reservationJson,
  taskChannelJson,
  taskJson,
  taskQueueJson,
  workerChannelJson,
  workerJson,
  workflowJson,
  workspaceJson,
} from "../serialize";
import { statisticsRoutes } from "./statistics-routes";
import { created, formOf, ifMatch, listPage, noContent, ok, route } from "./http";

const p = (request: SandboxRequest, name: string) => request.params[name] ?? "";

export function restRoutes(engine: TaskRouterEngine): HttpRoute[] {
  const r = (method: HttpRoute["method"], pattern: string, handler: Parameters<typeof route>[3]) =>
    route(engine, method, pattern, handler);
  const taskEtag = (version: number) => ({ ETag: String(version) });
  return [
    // ── Workspaces ──
    r("GET", "/Workspaces", (request) => {
      const name = param(formOf(request), "FriendlyName");
      const list = [...engine.state.workspaces.values()].filter(
        (workspace) => !name || workspace.friendlyName === name,
      );
      return listPage(request, "workspaces", list, (workspace) => workspaceJson(engine, workspace));
    }),
    r("POST", "/Workspaces", (request) =>
      created(workspaceJson(engine, config.createWorkspace(engine, request.form))),
    ),
    r("GET", "/Workspaces/:WorkspaceSid", (request) =>
      ok(workspaceJson(engine, engine.workspace(p(request, "WorkspaceSid")))),
    ),
    r("POST", "/Workspaces/:WorkspaceSid", (request) =>
      ok(
        workspaceJson(
          engine,
          config.updateWorkspace(engine, p(request, "WorkspaceSid"), request.form),
        ),
      ),
    ),
    r("DELETE", "/Workspaces/:WorkspaceSid", (request) => {
      config.deleteWorkspace(engine, p(request, "WorkspaceSid"));
      return noContent();
    }),

    // ── Activities ──
    r("GET", "/Workspaces/:WorkspaceSid/Activities", (request) => {
      const ws = p(request, "WorkspaceSid");
      engine.workspace(ws);
      const form = formOf(request);
      const name = param(form, "FriendlyName");
      const available = booleanParam(form, "Available");
      const list = engine
        .inWorkspace(engine.state.activities, ws)
        .filter(
          (activity) =>
            (!name || activity.friendlyName === name) &&
            (available === undefined || activity.available === available),
        );
      return listPage(request, "activities", list, (activity) => activityJson(engine, activity));
    }),
    r("POST", "/Workspaces/:WorkspaceSid/Activities", (request) =>
      created(
        activityJson(
          engine,
          config.createActivity(engine, p(request, "WorkspaceSid"), request.form),
        ),
      ),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/Activities/:Sid", (request) =>
      ok(activityJson(engine, engine.activity(p(request, "WorkspaceSid"), p(request, "Sid")))),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/Activities/:Sid", (request) =>
      ok(
        activityJson(
          engine,
          config.updateActivity(
            engine,
            p(request, "WorkspaceSid"),
            p(request, "Sid"),
            request.form,
          ),
        ),
      ),
    ),
    r("DELETE", "/Workspaces/:WorkspaceSid/Activities/:Sid", (request) => {
      config.deleteActivity(engine, p(request, "WorkspaceSid"), p(request, "Sid"));
      return noContent();
    }),

    // ── TaskChannels ──
    r("GET", "/Workspaces/:WorkspaceSid/TaskChannels", (request) => {
      const ws = p(request, "WorkspaceSid");
      engine.workspace(ws);
      return listPage(
        request,
        "channels",
        engine.inWorkspace(engine.state.taskChannels, ws),
        (channel) => taskChannelJson(engine, channel),
      );
    }),
    r("POST", "/Workspaces/:WorkspaceSid/TaskChannels", (request) =>
      created(
        taskChannelJson(
          engine,
          config.createTaskChannel(engine, p(request, "WorkspaceSid"), request.form),
        ),
      ),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/TaskChannels/:Sid", (request) =>
      ok(
        taskChannelJson(engine, engine.taskChannel(p(request, "WorkspaceSid"), p(request, "Sid"))),
      ),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/TaskChannels/:Sid", (request) =>
      ok(
        taskChannelJson(
          engine,
          config.updateTaskChannel(
            engine,
            p(request, "WorkspaceSid"),
            p(request, "Sid"),
            request.form,
          ),
        ),
      ),
    ),
    r("DELETE", "/Workspaces/:WorkspaceSid/TaskChannels/:Sid", (request) => {
      config.deleteTaskChannel(engine, p(request, "WorkspaceSid"), p(request, "Sid"));
      return noContent();
    }),

    // ── TaskQueues (statistics routes come first: "Statistics" is not a queue SID) ──
    ...statisticsRoutes(engine),
    r("GET", "/Workspaces/:WorkspaceSid/TaskQueues", (request) => {
      const ws = p(request, "WorkspaceSid");
      engine.workspace(ws);
      const form = formOf(request);
      const name = param(form, "FriendlyName");
      const evaluateAttributes = param(form, "EvaluateWorkerAttributes");
      const workerSid = param(form, "WorkerSid");
      let list = engine
        .inWorkspace(engine.state.taskQueues, ws)
        .filter((queue) => !name || queue.friendlyName === name);
      if (evaluateAttributes) {
        const attributes = parseAttributes(evaluateAttributes);
        list = list.filter(
          (queue) =>
            queue.targetWorkers.trim() !== "" &&
            evaluate(queue.targetWorkers, attributesResolver(attributes)),
        );
      }
      if (workerSid)
        list = list.filter((queue) =>
          queueMembers(engine, queue).some((worker) => worker.sid === workerSid),
        );
      const ordering = param(form, "Ordering");
      if (ordering && /^DateUpdated:(asc|desc)$/i.test(ordering)) {
        const desc = /desc$/i.test(ordering);
        list.sort((a, b) => (desc ? b.dateUpdated - a.dateUpdated : a.dateUpdated - b.dateUpdated));
      }
      return listPage(request, "task_queues", list, (queue) => taskQueueJson(engine, queue));
    }),
    r("POST", "/Workspaces/:WorkspaceSid/TaskQueues", (request) =>
      created(
        taskQueueJson(
          engine,
          config.createTaskQueue(engine, p(request, "WorkspaceSid"), request.form),
        ),
      ),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/TaskQueues/:Sid", (request) =>
      ok(taskQueueJson(engine, engine.taskQueue(p(request, "WorkspaceSid"), p(request, "Sid")))),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/TaskQueues/:Sid", (request) =>
      ok(
        taskQueueJson(
          engine,
          config.updateTaskQueue(
            engine,
            p(request, "WorkspaceSid"),
            p(request, "Sid"),
            request.form,
          ),
        ),
      ),
    ),
    r("DELETE", "/Workspaces/:WorkspaceSid/TaskQueues/:Sid", (request) => {
      config.deleteTaskQueue(engine, p(request, "WorkspaceSid"), p(request, "Sid"));
      return noContent();
    }),

    // ── Workflows ──
    r("GET", "/Workspaces/:WorkspaceSid/Workflows", (request) => {
      const ws = p(request, "WorkspaceSid");
      engine.workspace(ws);
      const name = param(formOf(request), "FriendlyName");
      const list = engine
        .inWorkspace(engine.state.workflows, ws)
        .filter((workflow) => !name || workflow.friendlyName === name);
      return listPage(request, "workflows", list, (workflow) => workflowJson(engine, workflow));
    }),
    r("POST", "/Workspaces/:WorkspaceSid/Workflows", (request) =>
      created(
        workflowJson(
          engine,
          config.createWorkflow(engine, p(request, "WorkspaceSid"), request.form),
        ),
      ),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/Workflows/:Sid", (request) =>
      ok(workflowJson(engine, engine.workflow(p(request, "WorkspaceSid"), p(request, "Sid")))),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/Workflows/:Sid", (request) =>
      ok(
        workflowJson(
          engine,
          config.updateWorkflow(
            engine,
            p(request, "WorkspaceSid"),
            p(request, "Sid"),
            request.form,
          ),
        ),
      ),
    ),
    r("DELETE", "/Workspaces/:WorkspaceSid/Workflows/:Sid", (request) => {
      config.deleteWorkflow(engine, p(request, "WorkspaceSid"), p(request, "Sid"));
      return noContent();
    }),

    // ── Workers ──
    r("GET", "/Workspaces/:WorkspaceSid/Workers", (request) =>
      listPage(
        request,
        "workers",
        workers.listWorkers(engine, p(request, "WorkspaceSid"), formOf(request)),
        (worker) => workerJson(engine, worker),
      ),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/Workers", (request) =>
      created(
        workerJson(engine, workers.createWorker(engine, p(request, "WorkspaceSid"), request.form)),
      ),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/:Sid", (request) => {
      const worker = engine.worker(p(request, "WorkspaceSid"), p(request, "Sid"));
      return ok(workerJson(engine, worker), { ETag: String(worker.version) });
    }),
    r("POST", "/Workspaces/:WorkspaceSid/Workers/:Sid", (request) => {
      const worker = workers.updateWorker(
        engine,
        p(request, "WorkspaceSid"),
        p(request, "Sid"),
        request.form,
        ifMatch(request),
      );
      return ok(workerJson(engine, worker), { ETag: String(worker.version) });
    }),
    r("DELETE", "/Workspaces/:WorkspaceSid/Workers/:Sid", (request) => {
      workers.deleteWorker(engine, p(request, "WorkspaceSid"), p(request, "Sid"), ifMatch(request));
      return noContent();
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Channels", (request) => {
      const worker = engine.worker(p(request, "WorkspaceSid"), p(request, "WorkerSid"));
      return listPage(request, "channels", engine.workerChannels(worker.sid), (channel) =>
        workerChannelJson(engine, channel),
      );
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Channels/:Sid", (request) =>
      ok(
        workerChannelJson(
          engine,
          workers.workerChannelOf(
            engine,
            p(request, "WorkspaceSid"),
            p(request, "WorkerSid"),
            p(request, "Sid"),
          ),
        ),
      ),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Channels/:Sid", (request) =>
      ok(
        workerChannelJson(
          engine,
          workers.updateWorkerChannel(
            engine,
            p(request, "WorkspaceSid"),
            p(request, "WorkerSid"),
            p(request, "Sid"),
            request.form,
          ),
        ),
      ),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Reservations", (request) => {
      const owner = { workerSid: p(request, "WorkerSid") };
      const list = tasks.listReservations(
        engine,
        p(request, "WorkspaceSid"),
        owner,
        formOf(request),
      );
      return listPage(request, "reservations", list, (reservation) =>
        reservationJson(engine, reservation, "worker"),
      );
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Reservations/:Sid", (request) => {
      const reservation = tasks.reservationOf(
        engine,
        p(request, "WorkspaceSid"),
        { workerSid: p(request, "WorkerSid") },
        p(request, "Sid"),
      );
      return ok(reservationJson(engine, reservation, "worker"), {
        ETag: String(reservation.version),
      });
    }),
    r("POST", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Reservations/:Sid", (request) => {
      const owner = { workerSid: p(request, "WorkerSid") };
      const reservation = tasks.updateReservation(
        engine,
        p(request, "WorkspaceSid"),
        owner,
        p(request, "Sid"),
        request.form,
        ifMatch(request),
      );
      return ok(reservationJson(engine, reservation, "worker"), {
        ETag: String(reservation.version),
      });
    }),

    // ── Tasks ──
    r("GET", "/Workspaces/:WorkspaceSid/Tasks", (request) =>
      listPage(
        request,
        "tasks",
        tasks.listTasks(engine, p(request, "WorkspaceSid"), formOf(request)),
        (task) => taskJson(engine, task),
      ),
    ),
    r("POST", "/Workspaces/:WorkspaceSid/Tasks", (request) => {
      const task = tasks.createTask(engine, p(request, "WorkspaceSid"), request.form);
      return created(taskJson(engine, task), taskEtag(task.version));
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Tasks/:Sid", (request) => {
      const task = engine.task(p(request, "WorkspaceSid"), p(request, "Sid"));
      return ok(taskJson(engine, task), taskEtag(task.version));
    }),
    r("POST", "/Workspaces/:WorkspaceSid/Tasks/:Sid", (request) => {
      const task = tasks.updateTask(
        engine,
        p(request, "WorkspaceSid"),
        p(request, "Sid"),
        request.form,
        ifMatch(request),
      );
      return ok(taskJson(engine, task), taskEtag(task.version));
    }),
    r("DELETE", "/Workspaces/:WorkspaceSid/Tasks/:Sid", (request) => {
      tasks.deleteTask(engine, p(request, "WorkspaceSid"), p(request, "Sid"), ifMatch(request));
      return noContent();
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Tasks/:TaskSid/Reservations", (request) => {
      const owner = { taskSid: p(request, "TaskSid") };
      const list = tasks.listReservations(
        engine,
        p(request, "WorkspaceSid"),
        owner,
        formOf(request),
      );
      return listPage(request, "reservations", list, (reservation) =>
        reservationJson(engine, reservation, "task"),
      );
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Tasks/:TaskSid/Reservations/:Sid", (request) => {
      const reservation = tasks.reservationOf(
        engine,
        p(request, "WorkspaceSid"),
        { taskSid: p(request, "TaskSid") },
        p(request, "Sid"),
      );
      return ok(reservationJson(engine, reservation, "task"), {
        ETag: String(reservation.version),
      });
    }),
    r("POST", "/Workspaces/:WorkspaceSid/Tasks/:TaskSid/Reservations/:Sid", (request) => {
      const owner = { taskSid: p(request, "TaskSid") };
      const reservation = tasks.updateReservation(
        engine,
        p(request, "WorkspaceSid"),
        owner,
        p(request, "Sid"),
        request.form,
        ifMatch(request),
      );
      return ok(reservationJson(engine, reservation, "task"), {
        ETag: String(reservation.version),
      });
    }),

    // ── Events (newest first) ──
    r("GET", "/Workspaces/:WorkspaceSid/Events", (request) => {
      const ws = p(request, "WorkspaceSid");
      engine.workspace(ws);
      const list = filterEvents(engine, ws, formOf(request));
      return listPage(request, "events", list, (event) => eventJson(engine, event));
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Events/:Sid", (request) => {
      const ws = p(request, "WorkspaceSid");
      const event = engine.state.events.find(
        (candidate) => candidate.sid === p(request, "Sid") && candidate.workspaceSid === ws,
      );
      if (!event) throw notFound(`Workspaces/${ws}/Events`, p(request, "Sid"));
      return ok(eventJson(engine, event));
    }),
  ];
}

function filterEvents(engine: TaskRouterEngine, workspaceSid: string, form: Form) {
  const end = param(form, "EndDate") ? Date.parse(param(form, "EndDate") ?? "") : Infinity;
  const minutes = param(form, "Minutes");
  const start = param(form, "StartDate")
    ? Date.parse(param(form, "StartDate") ?? "")
    : minutes
      ? engine.now() - Number(minutes) * 60_000
      : -Infinity;
  const eventType = param(form, "EventType");
  const matches: [string, string | undefined][] = [
    ["ReservationSid", param(form, "ReservationSid")],
    ["TaskQueueSid", param(form, "TaskQueueSid")],
    ["TaskSid", param(form, "TaskSid")],
    ["WorkerSid", param(form, "WorkerSid")],
    ["WorkflowSid", param(form, "WorkflowSid")],
    ["Sid", param(form, "Sid")],
  ];
  const channel = param(form, "TaskChannel");
  const channelSid = channel ? engine.taskChannel(workspaceSid, channel).sid : undefined;
  return engine.state.events
    .filter((event) => {
      if (event.workspaceSid !== workspaceSid) return false;
      if (event.eventDate < start || event.eventDate > end) return false;
      if (eventType && !passesFilter(eventType, event.eventType)) return false;
      if (channelSid && !event.params.some(([k, v]) => k === "TaskChannelSid" && v === channelSid))
        return false;
      return matches.every(
        ([key, wanted]) =>
          wanted === undefined || event.params.some(([k, v]) => k === key && v === wanted),
      );
    })
    .reverse();
}
