/**
 * REST plumbing for `/taskrouter/v1/...` (= https://taskrouter.twilio.com/v1/...): the legacy
 * error body, v1 paging envelopes with absolute URLs on the real host, and running each request
 * as the account (the REST Event `actor`).
 */
import type { HttpRoute, SandboxRequest, SandboxResponse } from "../../core/types";
import { TASKROUTER_HOST, type TaskRouterEngine } from "../engine";
import { TaskRouterApiError } from "../errors";
import { integerParam, type Form } from "../ops/params";

export const PREFIX = "/taskrouter/v1";

export type Handler = (request: SandboxRequest, engine: TaskRouterEngine) => SandboxResponse | Promise<SandboxResponse>;

export function route(engine: TaskRouterEngine, method: HttpRoute["method"], pattern: string, handler: Handler): HttpRoute {
  return {
    method,
    pattern: `${PREFIX}${pattern}`,
    async handler(request) {
      try {
        return await engine.as({ type: "account", sid: engine.ctx.account.accountSid }, () => handler(request, engine));
      } catch (error) {
        return errorResponse(engine, error);
      }
    },
  };
}

export function errorResponse(engine: TaskRouterEngine, error: unknown): SandboxResponse {
  if (error instanceof TaskRouterApiError) return { status: error.status, body: error.body };
  engine.ctx.log.error("taskrouter request failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
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

export const ok = (body: unknown, headers?: Record<string, string>): SandboxResponse => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): SandboxResponse => ({ status: 201, body, headers });
export const noContent = (): SandboxResponse => ({ status: 204 });

/** The public URL of this request's path on the real Twilio host. */
export function publicPath(request: SandboxRequest): string {
  return `${TASKROUTER_HOST}${request.path.slice("/taskrouter".length)}`;
}

/**
 * A v1 list page: `{<key>: [...], meta: {first_page_url, key, next_page_url, page, page_size,
 * previous_page_url, url}}` — paging URLs absolute on taskrouter.twilio.com, filters kept.
 */
export function listPage<T>(request: SandboxRequest, key: string, items: T[], serialize: (item: T) => unknown): SandboxResponse {
  const form = formOf(request);
  const pageSize = integerParam(form, "PageSize", 1, 1000) ?? 50;
  const page = integerParam(form, "Page", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const base = publicPath(request);
  const filters = new URLSearchParams();
  for (const [name, value] of request.query) {
    if (name !== "PageSize" && name !== "Page" && name !== "PageToken") filters.append(name, value);
  }
  const urlFor = (index: number) => {
    const query = new URLSearchParams(filters);
    query.set("PageSize", String(pageSize));
    query.set("Page", String(index));
    if (index > 0) query.set("PageToken", `PT${index}`);
    return `${base}?${query.toString()}`;
  };
  const slice = items.slice(page * pageSize, (page + 1) * pageSize);
  const hasNext = (page + 1) * pageSize < items.length;
  return ok({
    [key]: slice.map(serialize),
    meta: {
      first_page_url: urlFor(0),
      key,
      next_page_url: hasNext ? urlFor(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_url: page > 0 ? urlFor(page - 1) : null,
      url: urlFor(page),
    },
  });
}
