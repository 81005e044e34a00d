/**
 * The SDK's REST calls through the event bridge: `POST ebServer` with JSON
 * `{url: "Workspaces/WS…/Workers/WK…", method, params, token}` → `{payload}`. Lists come back as
 * `{contents: [...], after_sid}` (twilio-taskrouter lib/util/Paginator.js). Every call is
 * authorised by the worker's Access Token and runs through the same operations as REST, as the
 * worker (the Event `actor`).
 */
import type { SandboxRequest, SandboxResponse } from "../../core/types";
import { AccessTokenError, verifyAccessToken, type VerifiedToken } from "../access-token";
import type { TaskRouterEngine } from "../engine";
import { TaskRouterApiError } from "../errors";
import { isActiveReservation, type Reservation } from "../model";
import type { Form } from "../ops/params";
import { param } from "../ops/params";
import * as tasks from "../ops/tasks";
import * as workers from "../ops/workers";
import { errorResponse } from "../rest/http";
import {
  bridgeActivity,
  bridgeReservation,
  bridgeTask,
  bridgeTaskQueue,
  bridgeWorker,
  bridgeWorkerChannel,
} from "../serialize";

type BridgeBody = { url?: unknown; method?: unknown; params?: unknown; token?: unknown };

/** JSON params (objects, booleans, numbers) → the form fields the operations read. */
export function formFromJson(params: unknown): Form {
  const form: Form = {};
  if (!params || typeof params !== "object") return form;
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value))
      form[key] = value.map((item) =>
        typeof item === "object" ? JSON.stringify(item) : String(item),
      );
    else if (typeof value === "object") form[key] = JSON.stringify(value);
    else form[key] = String(value);
  }
  return form;
}

function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

const denied = (message: string) => new TaskRouterApiError(403, 20403, message);

/** A page of `contents` after `AfterSid`, as the SDK's paginator expects. */
function contents<T extends { sid: string }>(
  items: T[],
  form: Form,
  serialize: (item: T) => unknown,
) {
  const pageSize = Math.min(1000, Math.max(1, Number(param(form, "PageSize") ?? 1000) || 1000));
  const after = param(form, "AfterSid");
  const start = after ? items.findIndex((item) => item.sid === after) + 1 : 0;
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return {
    contents: page.map(serialize),
    after_sid: more ? (page[page.length - 1]?.sid ?? null) : null,
  };
}

export async function handleBridgeRequest(
  engine: TaskRouterEngine,
  request: SandboxRequest,
): Promise<SandboxResponse> {
  let body: BridgeBody;
  try {
    body = JSON.parse(request.rawBody.toString("utf8")) as BridgeBody;
  } catch {
    return errorResponse(
      engine,
      new TaskRouterApiError(
        400,
        20001,
        "The event bridge expects a JSON body {url, method, params, token}",
      ),
    );
  }
  let token: VerifiedToken;
  try {
    token = verifyAccessToken(String(body.token ?? ""), engine.ctx.account, engine.now());
  } catch (error) {
    const code = error instanceof AccessTokenError ? error.code : 20101;
    return errorResponse(
      engine,
      new TaskRouterApiError(
        401,
        code,
        error instanceof Error ? error.message : "Invalid Access Token",
      ),
    );
  }
  try {
    const actor = { type: "worker" as const, sid: token.grant.worker_sid };
    const payload = engine.as(actor, () =>
      dispatch(
        engine,
        token,
        String(body.method ?? "GET").toUpperCase(),
        String(body.url ?? ""),
        formFromJson(body.params),
        {
          apiVersion: header(request, "apiVersion") ?? "v1",
          ifMatch: header(request, "If-Match"),
        },
      ),
    );
    return { status: 200, body: { payload } };
  } catch (error) {
    return errorResponse(engine, error);
  }
}

function dispatch(
  engine: TaskRouterEngine,
  token: VerifiedToken,
  method: string,
  url: string,
  form: Form,
  headers: { apiVersion: string; ifMatch?: string },
): unknown {
  const segments = url
    .replace(/^\/+/, "")
    .replace(/^v[12]\//, "")
    .split("/")
    .filter(Boolean);
  const [root, workspaceSid, collection, id, sub, subId] = segments;
  if (root !== "Workspaces" || !workspaceSid)
    throw new TaskRouterApiError(404, 20404, `Unknown event-bridge resource ${url}`);
  if (workspaceSid !== token.grant.workspace_sid)
    throw denied(`The token is for Workspace ${token.grant.workspace_sid}, not ${workspaceSid}`);
  engine.workspace(workspaceSid);
  const supervisor = token.grant.role === "supervisor";
  const ownWorker = (workerSid: string | undefined) => {
    if (workerSid && workerSid !== token.grant.worker_sid && !supervisor)
      throw denied(`A worker token may only act as Worker ${token.grant.worker_sid}`);
  };
  const ownsTask = (taskSid: string) => {
    if (supervisor) return;
    const mine = engine
      .reservationsOfTask(taskSid)
      .some((reservation) => reservation.workerSid === token.grant.worker_sid);
    if (!mine)
      throw denied(`Worker ${token.grant.worker_sid} has no reservation for Task ${taskSid}`);
  };
  const key = `${method} ${[collection, id ? ":id" : "", sub ?? "", subId ? ":id" : ""].filter(Boolean).join("/")}`;
  switch (key) {
    case "GET Activities":
      return contents(engine.inWorkspace(engine.state.activities, workspaceSid), form, (activity) =>
        bridgeActivity(engine, activity),
      );
    case "GET Workers":
      return contents(workers.listWorkers(engine, workspaceSid, form), form, (worker) =>
        bridgeWorker(engine, worker),
      );
    case "GET Workers/:id":
      return bridgeWorker(engine, engine.worker(workspaceSid, id ?? ""));
    case "POST Workers/:id":
      ownWorker(id);
      return bridgeWorker(
        engine,
        workers.updateWorker(engine, workspaceSid, id ?? "", form, headers.ifMatch),
      );
    case "GET Workers/:id/WorkerChannels":
    case "GET Workers/:id/Channels":
      ownWorker(id);
      return contents(
        engine.workerChannels(engine.worker(workspaceSid, id ?? "").sid),
        form,
        (channel) => bridgeWorkerChannel(engine, channel),
      );
    case "POST Workers/:id/WorkerChannels/:id":
    case "POST Workers/:id/Channels/:id":
      ownWorker(id);
      return bridgeWorkerChannel(
        engine,
        workers.updateWorkerChannel(engine, workspaceSid, id ?? "", subId ?? "", form),
      );
    case "GET Workers/:id/Reservations": {
      ownWorker(id);
      const active = param(form, "Active") === "true";
      const list = tasks
        .listReservations(engine, workspaceSid, { workerSid: id }, form)
        .filter((reservation: Reservation) => !active || isActiveReservation(reservation));
      return contents(list, form, (reservation) => bridgeReservation(engine, reservation));
    }
    case "GET Workers/:id/Reservations/:id":
      ownWorker(id);
      return bridgeReservation(
        engine,
        tasks.reservationOf(engine, workspaceSid, { workerSid: id }, subId ?? ""),
      );
    case "POST Workers/:id/Reservations/:id":
      ownWorker(id);
      return bridgeReservation(
        engine,
        tasks.updateReservation(
          engine,
          workspaceSid,
          { workerSid: id },
          subId ?? "",
          form,
          headers.ifMatch,
        ),
      );
    case "GET TaskQueues":
      return contents(engine.inWorkspace(engine.state.taskQueues, workspaceSid), form, (queue) =>
        bridgeTaskQueue(engine, queue),
      );
    case "GET TaskQueues/:id":
      return bridgeTaskQueue(engine, engine.taskQueue(workspaceSid, id ?? ""));
    case "POST Tasks":
      return bridgeTask(engine, tasks.createTask(engine, workspaceSid, form));
    case "GET Tasks/:id":
      ownsTask(id ?? "");
      return bridgeTask(engine, engine.task(workspaceSid, id ?? ""));
    case "POST Tasks/:id":
      ownsTask(id ?? "");
      return bridgeTask(
        engine,
        tasks.updateTask(engine, workspaceSid, id ?? "", form, headers.ifMatch),
      );
    case "GET Tasks/:id/Reservations/:id":
      ownsTask(id ?? "");
      return bridgeReservation(
        engine,
        tasks.reservationOf(engine, workspaceSid, { taskSid: id }, subId ?? ""),
      );
    case "POST Tasks/:id/Reservations/:id":
      ownsTask(id ?? "");
      return bridgeReservation(
        engine,
        tasks.updateReservation(
          engine,
          workspaceSid,
          { taskSid: id },
          subId ?? "",
          form,
          headers.ifMatch,
        ),
      );
    default:
      engine.ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message: `TaskRouter event bridge: ${method} ${url} (apiVersion ${headers.apiVersion}) is not emulated — transfers and Flex participant routes are v2-only`,
      });
      throw new TaskRouterApiError(
        400,
        20001,
        `${method} ${url} is not supported by the sandbox event bridge`,
      );
  }
}
