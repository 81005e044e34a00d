/**
 * A small Twilio REST double for integration tests: the app's real twilio client reaches it
 * through SANDBOX_URL (the same rewrite the sandbox uses). It stores resources generically
 * (create / fetch / update / delete / list with FriendlyName-style filters), answers in Twilio's
 * JSON shapes closely enough for twilio-node, and records every request so tests can assert the
 * exact REST calls. Unit of truth for Twilio behaviour remains the sandbox; this is a fake.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";

export interface RecordedRequest {
  method: string;
  path: string;
  form: Record<string, string | string[]>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

type Resource = Record<string, unknown> & { sid: string };

const PREFIX: Record<string, string> = {
  Workspaces: "WS", Activities: "WA", TaskQueues: "WQ", Workflows: "WW", Workers: "WK", Tasks: "WT", Reservations: "WR",
  Applications: "AP", IncomingPhoneNumbers: "PN", Calls: "CA", Participants: "CA", Conferences: "CF", Messages: "SM", Rooms: "RM",
};

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const listKey = (collection: string) => snake(collection);

export class FakeTwilio {
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, Map<string, Resource>>();
  private server: http.Server | null = null;
  /** Responses to force, checked in order: a matching request gets this status/body once. */
  readonly failures: { method: string; pathIncludes: string; status: number; body?: object; times: number }[] = [];
  /** Fields every new resource of a collection gets (e.g. Tasks → assignment_status), by collection name. */
  readonly createDefaults = new Map<string, Record<string, unknown>>();
  /** Raw bodies served on GET by exact path (recording media). */
  private readonly media = new Map<string, { body: Buffer; contentType: string }>();

  constructor(readonly port: number) {}

  async start() {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset() {
    this.requests.length = 0;
    this.store.clear();
    this.failures.length = 0;
    this.media.clear();
    this.createDefaults.clear();
  }

  /** Serves `body` on GET `path` (e.g. /api/2010-04-01/Accounts/AC…/Recordings/RE….wav). */
  setMedia(path: string, body: Buffer, contentType = "audio/x-wav") {
    this.media.set(path, { body, contentType });
  }

  /** Puts a resource in a collection (e.g. an incoming phone number), returning it. */
  seed(collectionPath: string, resource: Record<string, unknown>): Resource {
    const sid = (resource.sid as string | undefined) ?? this.sid(collectionPath.split("/").pop()!);
    const full = { ...resource, sid } as Resource;
    this.collection(collectionPath).set(sid, full);
    return full;
  }

  find(method: string, pathIncludes: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.includes(pathIncludes));
  }

  private sid(collection: string) {
    return `${PREFIX[collection] ?? "XX"}${randomBytes(16).toString("hex")}`;
  }

  private collection(path: string) {
    let c = this.store.get(path);
    if (!c) this.store.set(path, (c = new Map()));
    return c;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    const form: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString())) {
      const e = form[k];
      form[k] = e === undefined ? v : Array.isArray(e) ? [...e, v] : [e, v];
    }
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname, form, query: url.searchParams, headers: req.headers });

    const failure = this.failures.find((f) => f.times > 0 && f.method === method && url.pathname.includes(f.pathIncludes));
    if (failure) {
      failure.times--;
      return this.send(res, failure.status, failure.body ?? { code: 20500, message: "forced failure", more_info: "", status: failure.status });
    }

    const media = method === "GET" ? this.media.get(url.pathname) : undefined;
    if (media) {
      res.writeHead(200, { "Content-Type": media.contentType, "Content-Length": String(media.body.length) });
      res.end(media.body);
      return;
    }

    const v1 = !url.pathname.startsWith("/api/");
    // /api/2010-04-01/Accounts/AC…/Calls/CA….json → segments without the .json suffix
    const segments = url.pathname.replace(/\.json$/, "").split("/").filter(Boolean);
    const last = segments[segments.length - 1]!;
    // Items are addressed by SID, or by a key seeded in the parent collection (e.g. Channels/voice).
    const isItem = /^[A-Z]{2}[0-9a-f]{32}$/.test(last) || (this.store.get(segments.slice(0, -1).join("/"))?.has(last) ?? false);
    const collectionName = isItem ? segments[segments.length - 2]! : last;
    const collectionPath = (isItem ? segments.slice(0, -1) : segments).join("/");
    const items = this.collection(collectionPath);
    const fields = Object.fromEntries(Object.entries(form).map(([k, v]) => [snake(k), v]));

    if (!isItem && method === "GET") {
      const filters = [...url.searchParams.entries()].filter(([k]) => !["PageSize", "Page", "PageToken"].includes(k));
      const list = [...items.values()].filter((r) => filters.every(([k, v]) => String(r[snake(k)] ?? "") === v));
      const key = listKey(collectionName);
      return this.send(res, 200, v1 ? { [key]: list, meta: { key, page: 0, page_size: 50, next_page_url: null } } : { [key]: list, page: 0, page_size: 50, next_page_uri: null });
    }
    if (!isItem && method === "POST") {
      const sid = this.sid(collectionName);
      const resource: Resource = { ...this.createDefaults.get(collectionName), ...fields, sid, call_sid: collectionName === "Participants" ? sid : fields.call_sid, url: `https://fake${url.pathname}/${sid}`, links: {} };
      if (collectionName === "Workers") resource.attributes ??= "{}";
      if (collectionName === "Tasks") {
        resource.attributes ??= "{}";
        resource.assignment_status ??= "pending";
      }
      items.set(sid, resource);
      return this.send(res, 201, resource);
    }
    const existing = items.get(last);
    if (!existing) return this.send(res, 404, { code: 20404, message: `The requested resource ${url.pathname} was not found`, more_info: "https://www.twilio.com/docs/errors/20404", status: 404 });
    if (method === "DELETE") {
      items.delete(last);
      res.writeHead(204).end();
      return;
    }
    if (method === "POST") Object.assign(existing, fields);
    return this.send(res, 200, existing, { ETag: `"${this.requests.length}"` });
  }

  private send(res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }
}
