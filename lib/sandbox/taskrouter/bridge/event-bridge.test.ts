/**
 * The event-bridge wire protocol, spoken directly (raw WebSocket and POSTs): what the SDK relies
 * on beyond the happy paths of event-bridge.sdk.test.ts.
 */
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { accountModule } from "../../account/account-module";
import { startTestSandbox, type TestSandbox } from "../../testing/test-sandbox";
import { createTaskRouterModule, type TaskRouterModule } from "../module";

type Message = { event_type: string; payload: Record<string, unknown> } | "heartbeat";

class Client {
  readonly messages: Message[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const text = data.toString();
      this.messages.push(text.trim() === "" ? "heartbeat" : (JSON.parse(text) as Message));
      this.wake();
    });
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }
  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
  /** Waits (real time, bounded) until `test` holds. */
  async until(test: () => boolean, what: string, ms = 5_000) {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  events(type: string) {
    return this.messages.filter(
      (m): m is Exclude<Message, "heartbeat"> => m !== "heartbeat" && m.event_type === type,
    );
  }
}

describe("event bridge protocol", () => {
  let s: TestSandbox;
  let taskrouter: TaskRouterModule;
  let ws: string;
  let activities: Record<string, string>;
  const clients: Client[] = [];

  const token = (workerSid: string, ttl = 3600) => {
    const { AccessToken } = twilio.jwt;
    const jwt = new AccessToken(
      s.credentials.accountSid,
      s.credentials.apiKeySid,
      s.credentials.apiKeySecret,
      { identity: workerSid, ttl },
    );
    jwt.addGrant(new AccessToken.TaskRouterGrant({ workspaceSid: ws, workerSid, role: "worker" }));
    return jwt.toJwt();
  };
  const open = async (workerSid: string, query = "closeExistingSessions=false") => {
    const socket = new WebSocket(
      `${s.url.replace(/^http/, "ws")}/taskrouter/v1/wschannels?token=${token(workerSid)}&${query}&clientVersion=2.1.1`,
    );
    const client = new Client(socket);
    clients.push(client);
    await client.until(() => client.messages.length > 0 || client.closed !== null, "init");
    return client;
  };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}/taskrouter/v1/wschannels`, {
      method: "POST",
      headers: { apiVersion: "v1", clientVersion: "2.1.1", ...headers },
      body: JSON.stringify(body),
    });
  const newWorker = async (name: string, activity = "Available") =>
    s.client.taskrouter.v1
      .workspaces(ws)
      .workers.create({ friendlyName: name, activitySid: activities[activity] });

  beforeAll(async () => {
    s = await startTestSandbox({
      modules: ({ phoneNumber }) => [
        accountModule({ phoneNumber }),
        (ctx) => createTaskRouterModule(ctx, { heartbeatMs: 40 }),
      ],
    });
    taskrouter = s.sandbox.modules.find((m) => m.name === "taskrouter") as TaskRouterModule;
    ws = (await s.client.taskrouter.v1.workspaces.create({ friendlyName: "Bridge" })).sid;
    activities = Object.fromEntries(
      (await s.client.taskrouter.v1.workspaces(ws).activities.list()).map((a) => [
        a.friendlyName,
        a.sid,
      ]),
    );
  });
  afterAll(async () => {
    for (const client of clients) client.socket.close();
    await s?.close();
  });

  it("sends init first, then whitespace heartbeats", async () => {
    const worker = await newWorker("ann");
    const client = await open(worker.sid);
    expect(client.messages[0]).toEqual({
      event_type: "init",
      payload: {
        channel_id: worker.sid,
        account_sid: s.credentials.accountSid,
        workspace_sid: ws,
        token_lifetime: expect.any(Number),
      },
    });
    const lifetime = (client.messages[0] as unknown as { payload: { token_lifetime: number } })
      .payload.token_lifetime;
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(3600_000 + 60_000);
    await client.until(() => client.messages.includes("heartbeat"), "a heartbeat");
  });

  it("delivers a worker's events only to that worker's sessions", async () => {
    const ben = await newWorker("ben");
    const cat = await newWorker("cat");
    const benClient = await open(ben.sid);
    const catClient = await open(cat.sid);
    await s.client.taskrouter.v1
      .workspaces(ws)
      .workers(ben.sid)
      .update({ activitySid: activities.Unavailable });
    await benClient.until(
      () => benClient.events("worker.activity.update").length === 1,
      "ben's activity update",
    );
    expect(benClient.events("worker.activity.update")[0]!.payload).toMatchObject({
      sid: ben.sid,
      activity_name: "Unavailable",
      available: false,
    });
    expect(typeof benClient.events("worker.activity.update")[0]!.payload.date_updated).toBe(
      "number",
    );
    expect(catClient.events("worker.activity.update")).toHaveLength(0);
  });

  it("closeExistingSessions=true closes the older session", async () => {
    const dan = await newWorker("dan");
    const first = await open(dan.sid);
    const second = await open(dan.sid, "closeExistingSessions=true");
    await first.until(() => first.closed !== null, "the old session to close");
    expect(first.closed).toEqual({ code: 4009, reason: "Session closed by a newer session" });
    expect(second.closed).toBeNull();
    expect(taskrouter.bridge.sessionCount(dan.sid)).toBe(1);
  });

  it("setWorkerOfflineIfDisconnected=true moves the worker Offline 30 s after its last session closed", async () => {
    const eve = await newWorker("eve");
    const first = await open(
      eve.sid,
      "closeExistingSessions=false&setWorkerOfflineIfDisconnected=true",
    );
    first.socket.close();
    await first.until(
      () => first.closed !== null && taskrouter.bridge.sessionCount(eve.sid) === 0,
      "the session to end",
    );
    await s.advance(20_000);
    // Back within the grace period: nothing happens.
    const second = await open(
      eve.sid,
      "closeExistingSessions=false&setWorkerOfflineIfDisconnected=true",
    );
    await s.advance(20_000);
    expect(
      (await s.client.taskrouter.v1.workspaces(ws).workers(eve.sid).fetch()).activityName,
    ).toBe("Available");
    second.socket.close();
    await second.until(() => taskrouter.bridge.sessionCount(eve.sid) === 0, "the session to end");
    await s.advance(30_000);
    expect(
      (await s.client.taskrouter.v1.workspaces(ws).workers(eve.sid).fetch()).activityName,
    ).toBe("Offline");
  });

  it("answers the SDK's REST calls as {payload}, with lists as contents/after_sid pages", async () => {
    const fay = await newWorker("fay");
    const url = `Workspaces/${ws}/Activities`;
    const first = await post({
      url,
      method: "GET",
      params: { PageSize: 2 },
      token: token(fay.sid),
    });
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as {
      payload: { contents: { friendly_name: string }[]; after_sid: string | null };
    };
    expect(page1.payload.contents.map((a) => a.friendly_name)).toEqual(["Offline", "Available"]);
    expect(page1.payload.after_sid).toMatch(/^WA/);
    const second = await post({
      url,
      method: "GET",
      params: { PageSize: 2, AfterSid: page1.payload.after_sid },
      token: token(fay.sid),
    });
    const page2 = (await second.json()) as {
      payload: { contents: { friendly_name: string }[]; after_sid: string | null };
    };
    expect(page2.payload.contents.map((a) => a.friendly_name)).toEqual(["Unavailable"]);
    expect(page2.payload.after_sid).toBeNull();
    const update = await post({
      url: `Workspaces/${ws}/Workers/${fay.sid}`,
      method: "POST",
      params: { Attributes: { languages: ["en"] } },
      token: token(fay.sid),
    });
    expect(((await update.json()) as { payload: { attributes: string } }).payload.attributes).toBe(
      JSON.stringify({ languages: ["en"] }),
    );
    const events = await s.client.taskrouter.v1
      .workspaces(ws)
      .events.list({ workerSid: fay.sid, eventType: "worker.attributes.update" });
    expect(events[0]).toMatchObject({ actorType: "worker", actorSid: fay.sid });
  });

  it("authorises by the token: no acting as another worker, no expired or malformed tokens, JSON bodies only", async () => {
    const gus = await newWorker("gus");
    const hal = await newWorker("hal");
    const other = await post({
      url: `Workspaces/${ws}/Workers/${hal.sid}`,
      method: "POST",
      params: { ActivitySid: activities.Offline },
      token: token(gus.sid),
    });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({
      code: 20403,
      message: expect.stringMatching(/may only act as Worker/),
    });
    // Tokens carry wall-clock times: line the manual sandbox clock up with them first.
    s.sandbox.ctx.clock.setNow(Date.now());
    const expiring = token(gus.sid, 60);
    const fresh = await post({
      url: `Workspaces/${ws}/Workers/${gus.sid}`,
      method: "GET",
      params: {},
      token: expiring,
    });
    expect(fresh.status).toBe(200);
    await s.advance(61_000);
    const expired = await post({
      url: `Workspaces/${ws}/Workers/${gus.sid}`,
      method: "GET",
      params: {},
      token: expiring,
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 20104 });
    const garbage = await post({
      url: `Workspaces/${ws}/Workers/${gus.sid}`,
      method: "GET",
      params: {},
      token: "not.a.jwt",
    });
    expect(garbage.status).toBe(401);
    const notJson = await fetch(`${s.url}/taskrouter/v1/wschannels`, {
      method: "POST",
      body: "token=x",
    });
    expect(notJson.status).toBe(400);
    const v2 = await post(
      {
        url: `Workspaces/${ws}/Workers/${gus.sid}/Transfers`,
        method: "POST",
        params: {},
        token: token(gus.sid),
      },
      { apiVersion: "v2" },
    );
    expect(v2.status).toBe(400);
    expect(
      s.sandbox.debugger
        .list()
        .some((entry) => entry.level === "unsupported" && /Transfers/.test(entry.message)),
    ).toBe(true);
  });
});
