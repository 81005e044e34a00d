/**
 * Statistics endpoints: RealTimeStatistics, CumulativeStatistics and the combined Statistics of
 * the workspace, task queues (one, all, bulk), workers (all, one) and workflows.
 */
import type { HttpRoute, SandboxRequest } from "../../core/types";
import type { TaskRouterEngine } from "../engine";
import { invalid } from "../errors";
import { param } from "../ops/params";
import { listWorkers } from "../ops/workers";
import { workspaceUrl } from "../serialize";
import {
  cumulative,
  scopes,
  taskQueueRealTime,
  workersCumulative,
  workersRealTime,
  workflowRealTime,
  workspaceRealTime,
} from "../statistics";
import { formOf, listPage, ok, publicPath, route } from "./http";

const p = (request: SandboxRequest, name: string) => request.params[name] ?? "";

export function statisticsRoutes(engine: TaskRouterEngine): HttpRoute[] {
  const r = (method: HttpRoute["method"], pattern: string, handler: Parameters<typeof route>[3]) =>
    route(engine, method, pattern, handler);
  const account = () => engine.ctx.account.accountSid;
  const ws = (request: SandboxRequest) => p(request, "WorkspaceSid");
  const queueStatistics = (request: SandboxRequest, queueSid: string) => {
    const queue = engine.taskQueue(ws(request), queueSid);
    const form = formOf(request);
    return {
      account_sid: account(),
      cumulative: {
        ...cumulative(engine, ws(request), form, scopes.queue(queue.sid)),
        task_queue_sid: queue.sid,
        workspace_sid: ws(request),
      },
      realtime: { ...taskQueueRealTime(engine, queue, form), workspace_sid: ws(request) },
      task_queue_sid: queue.sid,
      workspace_sid: ws(request),
      url: `${workspaceUrl(ws(request))}/TaskQueues/${queue.sid}/Statistics`,
    };
  };
  return [
    // Workspace
    r("GET", "/Workspaces/:WorkspaceSid/RealTimeStatistics", (request) =>
      ok({
        account_sid: account(),
        ...workspaceRealTime(engine, ws(request), formOf(request)),
        workspace_sid: ws(request),
        url: publicPath(request),
      }),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/CumulativeStatistics", (request) =>
      ok({
        account_sid: account(),
        ...cumulative(engine, ws(request), formOf(request), scopes.workspace()),
        workspace_sid: ws(request),
        url: publicPath(request),
      }),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/Statistics", (request) => {
      const form = formOf(request);
      return ok({
        account_sid: account(),
        cumulative: cumulative(engine, ws(request), form, scopes.workspace()),
        realtime: workspaceRealTime(engine, ws(request), form),
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),

    // Task queues
    r("GET", "/Workspaces/:WorkspaceSid/TaskQueues/Statistics", (request) => {
      engine.workspace(ws(request));
      const name = param(formOf(request), "FriendlyName");
      const queues = engine
        .inWorkspace(engine.state.taskQueues, ws(request))
        .filter((queue) => !name || queue.friendlyName === name);
      return listPage(request, "task_queues_statistics", queues, (queue) => {
        const { url: _url, ...rest } = queueStatistics(request, queue.sid);
        return rest;
      });
    }),
    r("POST", "/Workspaces/:WorkspaceSid/TaskQueues/RealTimeStatistics", (request) => {
      engine.workspace(ws(request));
      const body = request.json as unknown;
      const entries = Array.isArray(body)
        ? body
        : body &&
            typeof body === "object" &&
            Array.isArray((body as { task_queue_sids?: unknown }).task_queue_sids)
          ? ((body as { task_queue_sids: unknown[] }).task_queue_sids.map((sid) => ({
              task_queue_sid: sid,
            })) as unknown[])
          : null;
      if (!entries)
        throw invalid(
          'Send a JSON array of {"task_queue_sid": "WQ…", "task_channel": "…"} objects',
        );
      const data = entries.map((entry) => {
        const item = (entry ?? {}) as { task_queue_sid?: unknown; task_channel?: unknown };
        const queue = engine.taskQueue(ws(request), String(item.task_queue_sid ?? ""));
        const form = item.task_channel ? { TaskChannel: String(item.task_channel) } : {};
        return {
          ...taskQueueRealTime(engine, queue, form),
          workspace_sid: ws(request),
          account_sid: account(),
        };
      });
      return {
        status: 201,
        body: {
          account_sid: account(),
          workspace_sid: ws(request),
          task_queue_data: data,
          task_queue_response_count: data.length,
          url: publicPath(request),
        },
      };
    }),
    r("GET", "/Workspaces/:WorkspaceSid/TaskQueues/:Sid/RealTimeStatistics", (request) => {
      const queue = engine.taskQueue(ws(request), p(request, "Sid"));
      return ok({
        account_sid: account(),
        ...taskQueueRealTime(engine, queue, formOf(request)),
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
    r("GET", "/Workspaces/:WorkspaceSid/TaskQueues/:Sid/CumulativeStatistics", (request) => {
      const queue = engine.taskQueue(ws(request), p(request, "Sid"));
      return ok({
        account_sid: account(),
        ...cumulative(engine, ws(request), formOf(request), scopes.queue(queue.sid)),
        task_queue_sid: queue.sid,
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
    r("GET", "/Workspaces/:WorkspaceSid/TaskQueues/:Sid/Statistics", (request) =>
      ok(queueStatistics(request, p(request, "Sid"))),
    ),

    // Workers
    r("GET", "/Workspaces/:WorkspaceSid/Workers/RealTimeStatistics", (request) =>
      ok({
        account_sid: account(),
        ...workersRealTime(engine, ws(request), formOf(request)),
        workspace_sid: ws(request),
        url: publicPath(request),
      }),
    ),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/CumulativeStatistics", (request) => {
      const { tasks_assigned: _assigned, ...figures } = workersCumulative(
        engine,
        ws(request),
        formOf(request),
      );
      return ok({
        account_sid: account(),
        ...figures,
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/Statistics", (request) => {
      const form = formOf(request);
      const workers = listWorkers(engine, ws(request), form);
      const { tasks_assigned: _assigned, ...figures } = workersCumulative(
        engine,
        ws(request),
        form,
      );
      return ok({
        account_sid: account(),
        cumulative: figures,
        realtime: workersRealTime(engine, ws(request), form, workers),
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workers/:WorkerSid/Statistics", (request) => {
      const worker = engine.worker(ws(request), p(request, "WorkerSid"));
      return ok({
        account_sid: account(),
        cumulative: workersCumulative(engine, ws(request), formOf(request), worker.sid),
        worker_sid: worker.sid,
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),

    // Workflows
    r("GET", "/Workspaces/:WorkspaceSid/Workflows/:Sid/RealTimeStatistics", (request) => {
      const workflow = engine.workflow(ws(request), p(request, "Sid"));
      return ok({
        account_sid: account(),
        ...workflowRealTime(engine, ws(request), workflow.sid, formOf(request)),
        workflow_sid: workflow.sid,
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workflows/:Sid/CumulativeStatistics", (request) => {
      const workflow = engine.workflow(ws(request), p(request, "Sid"));
      return ok({
        account_sid: account(),
        ...cumulative(engine, ws(request), formOf(request), scopes.workflow(workflow.sid)),
        workflow_sid: workflow.sid,
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
    r("GET", "/Workspaces/:WorkspaceSid/Workflows/:Sid/Statistics", (request) => {
      const workflow = engine.workflow(ws(request), p(request, "Sid"));
      const form = formOf(request);
      return ok({
        account_sid: account(),
        cumulative: cumulative(engine, ws(request), form, scopes.workflow(workflow.sid)),
        realtime: workflowRealTime(engine, ws(request), workflow.sid, form),
        workflow_sid: workflow.sid,
        workspace_sid: ws(request),
        url: publicPath(request),
      });
    }),
  ];
}
