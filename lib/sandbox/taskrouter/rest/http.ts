/**
 * REST plumbing for `/taskrouter/v1/...` (= https://taskrouter.twilio.com/v1/...): the legacy
 * error body, v1 paging envelopes with absolute URLs on the real host, and running each request
 * as the account (the REST Event `actor`).
 */
import type { HttpRoute, SandboxRequest, SandboxResponse } from "../../core/types";
import { TASKROUTER_HOST, type TaskRouterEngine } from "../engine";
import { errorResponse as coreErrorResponse, listV1, SandboxError } from "../../core/rest";
import { TaskRouterApiError } from "../errors";
import type { Form } from "../ops/params";

export const PREFIX = "/taskrouter/v1";

export type Handler = (
  request: SandboxRequest,
  engine: TaskRouterEngine,
) => SandboxResponse | Promise<SandboxResponse>;

export function route(
  engine: TaskRouterEngine,
  method: HttpRoute["method"],
  pattern: string,
  handler: Handler,
): HttpRoute {
  return {
    method,
    pattern: `${PREFIX}${pattern}`,
    async handler(request) {
      try {
        return await engine.as({ type: "account", sid: engine.ctx.account.accountSid }, () =>
          handler(request, engine),
        );
      } catch (error) {
        return errorResponse(engine, error);
      }
    },
  };
}

export function errorResponse(engine: TaskRouterEngine, error: unknown): SandboxResponse {
  if (error instanceof SandboxError)
    return coreErrorResponse(error.status, error.code, error.message, error.details);
  engine.ctx.log.error("taskrouter request failed", {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return { status: 500, body: new TaskRouterApiError(500, 20500, "Internal Server Error").body };
}

/** Query parameters for GET, form fields for POST (twilio-node puts list filters in the query). */
export function formOf(request: SandboxRequest): Form {
  if (request.method === "GET" || request.method === "DELETE") {
    const form: Form = {};
    for (const key of new Set(request.query.keys())) {
      const values = request.query.getAll(key);
      form[key] = values.length === 1 ? values[0] : values;
    }
    return form;
  }
  return request.form;
}

export function ifMatch(request: SandboxRequest): string | undefined {
  const header = request.headers["if-match"];
  return Array.isArray(header) ? header[0] : header;
}

export const ok = (body: unknown, headers?: Record<string, string>): SandboxResponse => ({
  status: 200,
  body,
  headers,
});
export const created = (body: unknown, headers?: Record<string, string>): SandboxResponse => ({
  status: 201,
  body,
  headers,
});
export const noContent = (): SandboxResponse => ({ status: 204 });

/** The public URL of this request's path on the real Twilio host. */
export function publicPath(request: SandboxRequest): string {
  return `${TASKROUTER_HOST}${request.path.slice("/taskrouter".length)}`;
}

/** A v1 list page (core listV1): absolute paging URLs on taskrouter.twilio.com, filters kept. */
export function listPage<T>(
  request: SandboxRequest,
  key: string,
  items: T[],
  serialize: (item: T) => unknown,
): SandboxResponse {
  return ok(listV1(request, "taskrouter.twilio.com", key, items, serialize));
}
