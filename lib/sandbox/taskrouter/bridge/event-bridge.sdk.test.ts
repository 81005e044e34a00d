/**
 * The REAL twilio-taskrouter SDK (Node build, `ws` transport) against the sandbox's event bridge
 * through its `ebServer` / `wsServer` options: ready, activities, setAsCurrent, reservations and
 * their events, task events, token expiry and update, disconnect and reconnect — in step with
 * the REST state and the event callbacks the app receives.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import twilio from "twilio";
import { Worker, type Reservation } from "twilio-taskrouter";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../testing/test-sandbox";
import type { TaskRouterModule } from "../module";
import { CLOSE } from "./event-bridge";

const SDK_VERSION = "2.1.1";

type Emitter = {
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
};

/** Resolves with the event's arguments; rejects after `ms` of real time so a missing event fails the test instead of hanging it. */
function next<T = unknown>(emitter: Emitter, event: string, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args[0] as T);
    };
    const timer = setTimeout(() => {
      emitter.removeListener(event, listener);
      reject(new Error(`no "${event}" event within ${ms} ms`));
    }, ms);
    emitter.once(event, listener);
  });
}

describe("twilio-taskrouter SDK on the sandbox event bridge", { timeout: 30_000 }, () => {
  let s: TestSandbox;
  let taskrouter: TaskRouterModule;
  let ws: string;
  let workflowSid: string;
  let activity: Record<string, string>;
  const workers: Worker[] = [];

  const tokenFor = (workerSid: string, ttl = 3600, secret?: string) => {
    const { AccessToken } = twilio.jwt;
    const token = new AccessToken(
      s.credentials.accountSid,
      s.credentials.apiKeySid,
      secret ?? s.credentials.apiKeySecret,
      { identity: workerSid, ttl },
    );
    token.addGrant(
      new AccessToken.TaskRouterGrant({ workspaceSid: ws, workerSid, role: "worker" }),
    );
    return token.toJwt();
  };
  const connect = (token: string, extra: Record<string, unknown> = {}) => {
    const worker = new Worker(token, {
      ebServer: `${s.url}/taskrouter/v1/wschannels`,
      wsServer: `${s.url.replace(/^http/, "ws")}/taskrouter/v1/wschannels`,
      closeExistingSessions: true,
      logLevel: "silent",
      ...extra,
    });
    workers.push(worker);
    return worker;
  };
  const newWorker = async (name: string, attributes: Record<string, unknown> = {}) => {
    const created = await s.client.taskrouter.v1
      .workspaces(ws)
      .workers.create({ friendlyName: name, attributes: JSON.stringify(attributes) });
    const worker = connect(tokenFor(created.sid));
    await next(worker, "ready");
    return worker;
  };
  const createTask = (attributes: Record<string, unknown> = {}) =>
    s.client.taskrouter.v1
      .workspaces(ws)
      .tasks.create({ workflowSid, attributes: JSON.stringify(attributes) });

  beforeAll(async () => {
    s = await startTestSandbox();
    s.app.on("/assignment", () => ({ status: 200, body: "" }));
    taskrouter = s.sandbox.modules.find((m) => m.name === "taskrouter") as TaskRouterModule;
    const workspace = await s.client.taskrouter.v1.workspaces.create({
      friendlyName: "SDK",
      eventCallbackUrl: `${s.app.url}/events`,
    });
    ws = workspace.sid;
    const tr = s.client.taskrouter.v1.workspaces(ws);
    activity = Object.fromEntries((await tr.activities.list()).map((a) => [a.friendlyName, a.sid]));
    const queue = await tr.taskQueues.create({
      friendlyName: "All",
      targetWorkers: "1==1",
      maxReservedWorkers: 2,
    });
    const workflow = await tr.workflows.create({
      friendlyName: "Main",
      configuration: JSON.stringify({
        task_routing: { filters: [], default_filter: { queue: queue.sid } },
      }),
      assignmentCallbackUrl: `${s.app.url}/assignment`,
      taskReservationTimeout: 30,
    });
    workflowSid = workflow.sid;
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) worker.disconnect();
    // Workers left Available would be offered the next test's tasks.
    for (const worker of await s.client.taskrouter.v1
      .workspaces(ws)
      .workers.list({ available: "true" })) {
      await s.client.taskrouter.v1
        .workspaces(ws)
        .workers(worker.sid)
        .update({ activitySid: activity.Offline! });
    }
    // Tasks left over from a test would be offered to the next test's worker.
    const open = await s.client.taskrouter.v1
      .workspaces(ws)
      .tasks.list({ assignmentStatus: ["pending", "reserved", "assigned", "wrapping"] });
    for (const task of open) {
      if (task.assignmentStatus === "pending" || task.assignmentStatus === "reserved")
        await s.client.taskrouter.v1
          .workspaces(ws)
          .tasks(task.sid)
          .update({ assignmentStatus: "canceled", reason: "test cleanup" });
      else
        await s.client.taskrouter.v1
          .workspaces(ws)
          .tasks(task.sid)
          .update({ assignmentStatus: "completed", reason: "test cleanup" });
    }
    await s.settle();
  });

  afterAll(async () => {
    await s?.close();
  });

  it("pins the SDK version and the options the sandbox relies on (ebServer, wsServer)", async () => {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(
      fs.readFileSync(require.resolve("twilio-taskrouter/package.json"), "utf8"),
    ) as { version: string };
    const ours = JSON.parse(
      fs.readFileSync(new URL("../../../../package.json", import.meta.url), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(ours.dependencies["twilio-taskrouter"]).toBe(SDK_VERSION);
    expect(pkg.version).toBe(SDK_VERSION);
    // If a future SDK drops or renames these options, the Worker would silently dial Twilio.
    const unknown = `WK${"0".repeat(32)}`;
    const worker = connect(tokenFor(unknown));
    const config = (worker as unknown as { _config: { EB_SERVER: string; WS_SERVER: string } })
      ._config;
    expect(config.EB_SERVER).toBe(`${s.url}/taskrouter/v1/wschannels`);
    expect(config.WS_SERVER).toBe(`${s.url.replace(/^http/, "ws")}/taskrouter/v1/wschannels`);
    // It reached the sandbox: the bridge refuses a worker that does not exist.
    const dropped = await next<{ message: string }>(worker, "disconnected");
    expect(dropped.message).toBe(`Worker ${unknown} not found in Workspace ${ws}`);
  });

  it("gets ready with the worker, its activities and channels, and switches activity with setAsCurrent", async () => {
    const worker = await newWorker("alice", { skills: ["support"] });
    expect(worker.sid).toMatch(/^WK/);
    expect(worker.workspaceSid).toBe(ws);
    expect(worker.attributes).toEqual({ skills: ["support"] });
    expect([...worker.activities.values()].map((a) => a.name)).toEqual([
      "Offline",
      "Available",
      "Unavailable",
    ]);
    expect(worker.activity.name).toBe("Offline");
    expect([...worker.channels.values()].map((c) => c.taskChannelUniqueName)).toEqual(
      expect.arrayContaining(["voice", "chat"]),
    );
    await worker.activities.get(activity.Available!)!.setAsCurrent();
    expect(worker.activity.name).toBe("Available");
    expect(
      (await s.client.taskrouter.v1.workspaces(ws).workers(worker.sid).fetch()).activityName,
    ).toBe("Available");
    await s.settle();
    const update = s.app
      .to("/events")
      .filter(
        (hook) =>
          hook.params.EventType === "worker.activity.update" &&
          hook.params.WorkerSid === worker.sid,
      )
      .at(-1);
    expect(update?.params).toMatchObject({
      WorkerActivityName: "Available",
      WorkerPreviousActivityName: "Offline",
    });
    expect(update?.signatureValid).toBe(true);
  });

  it("receives reservationCreated, accepts, and follows the task to wrap-up and completion", async () => {
    const worker = await newWorker("bob");
    await worker.activities.get(activity.Available!)!.setAsCurrent();
    const created = next<Reservation>(worker, "reservationCreated");
    const task = await createTask({ type: "support", customer: "Ada" });
    const reservation = await created;
    expect(reservation.status).toBe("pending");
    expect(reservation.task.sid).toBe(task.sid);
    expect(reservation.task.attributes).toEqual({ type: "support", customer: "Ada" });
    expect(reservation.task.queueName).toBe("All");
    expect(reservation.timeout).toBe(30);
    const accepted = next(reservation, "accepted");
    await reservation.accept();
    await accepted;
    expect(reservation.status).toBe("accepted");
    expect(
      (await s.client.taskrouter.v1.workspaces(ws).tasks(task.sid).fetch()).assignmentStatus,
    ).toBe("assigned");
    const taskWrapup = next(reservation.task, "wrapup");
    const reservationWrapup = next(reservation, "wrapup");
    await reservation.task.wrapUp({ reason: "call ended" });
    await Promise.all([taskWrapup, reservationWrapup]);
    const taskCompleted = next(reservation.task, "completed");
    const reservationCompleted = next(reservation, "completed");
    await reservation.task.complete("resolved");
    await Promise.all([taskCompleted, reservationCompleted]);
    expect(reservation.task.status).toBe("completed");
    const fetched = await s.client.taskrouter.v1.workspaces(ws).tasks(task.sid).fetch();
    expect(fetched).toMatchObject({ assignmentStatus: "completed", reason: "resolved" });
    await s.settle();
    const types = s.app
      .to("/events")
      .filter((hook) => hook.params.TaskSid === task.sid)
      .map((hook) => hook.params.EventType);
    expect(types).toEqual(
      expect.arrayContaining([
        "reservation.created",
        "reservation.accepted",
        "task.wrapup",
        "reservation.wrapup",
        "task.completed",
        "reservation.completed",
      ]),
    );
  });

  it("rejects with an activity, times out on the sandbox clock, and hears about canceled tasks", async () => {
    const worker = await newWorker("carol");
    await worker.activities.get(activity.Available!)!.setAsCurrent();

    let created = next<Reservation>(worker, "reservationCreated");
    const first = await createTask();
    let reservation = await created;
    const rejected = next(reservation, "rejected");
    const moved = next(worker, "activityUpdated");
    await reservation.reject({ activitySid: activity.Unavailable! });
    await rejected;
    await moved;
    expect(worker.activity.name).toBe("Unavailable");
    await s.client.taskrouter.v1
      .workspaces(ws)
      .tasks(first.sid)
      .update({ assignmentStatus: "canceled", reason: "next case" });

    await worker.activities.get(activity.Available!)!.setAsCurrent();
    created = next<Reservation>(worker, "reservationCreated");
    await createTask();
    reservation = await created;
    const timedOut = next(reservation, "timeout");
    const offline = next(worker, "activityUpdated");
    await s.advance(30_000);
    await timedOut;
    await offline;
    expect(worker.activity.name).toBe("Offline");

    await worker.activities.get(activity.Available!)!.setAsCurrent();
    created = next<Reservation>(worker, "reservationCreated");
    reservation = await created;
    const canceled = next(reservation, "canceled");
    await s.client.taskrouter.v1
      .workspaces(ws)
      .tasks(reservation.task.sid)
      .update({ assignmentStatus: "canceled", reason: "caller hung up" });
    await canceled;
    expect(reservation.status).toBe("canceled");
  });

  it("offers a rejected task to the next worker, and re-routes it when that reservation times out", async () => {
    const tr = s.client.taskrouter.v1.workspaces(ws);
    // One reservation at a time (the default), so the second worker waits for the first to let go.
    const queue = await tr.taskQueues.create({ friendlyName: "Pair", targetWorkers: "team == 'pair'" });
    const pair = await tr.workflows.create({
      friendlyName: "Pair",
      configuration: JSON.stringify({ task_routing: { filters: [], default_filter: { queue: queue.sid } } }),
      assignmentCallbackUrl: `${s.app.url}/assignment`,
      taskReservationTimeout: 30,
    });
    const ivy = await newWorker("ivy", { team: "pair" });
    const jack = await newWorker("jack", { team: "pair" });
    await ivy.activities.get(activity.Available!)!.setAsCurrent();
    const toIvy = next<Reservation>(ivy, "reservationCreated");
    const task = await tr.tasks.create({ workflowSid: pair.sid, attributes: JSON.stringify({ team: "pair" }) });
    const first = await toIvy;
    await jack.activities.get(activity.Available!)!.setAsCurrent();

    const toJack = next<Reservation>(jack, "reservationCreated");
    await first.reject({ activitySid: activity.Unavailable! });
    const second = await toJack;
    expect(second.task.sid).toBe(task.sid);
    expect(first.status).toBe("rejected");

    // Jack lets it ring: after the workflow's 30 s on the sandbox clock the task goes back to Ivy.
    await ivy.activities.get(activity.Available!)!.setAsCurrent();
    const backToIvy = next<Reservation>(ivy, "reservationCreated");
    const timedOut = next(second, "timeout");
    await s.advance(30_000);
    await timedOut;
    const third = await backToIvy;
    expect(third.task.sid).toBe(task.sid);
    expect((await tr.workers(jack.sid).fetch()).activityName).toBe("Offline");
    await third.accept();
    expect((await tr.tasks(task.sid).fetch()).assignmentStatus).toBe("assigned");
  });

  it("refuses an already expired token: the Worker is disconnected and never gets ready", async () => {
    const created = await s.client.taskrouter.v1.workspaces(ws).workers.create({ friendlyName: "kim" });
    s.sandbox.ctx.clock.setNow(Date.now());
    const worker = connect(tokenFor(created.sid, -60));
    let ready = false;
    worker.on("ready", () => (ready = true));
    const dropped = await next<{ message: string }>(worker, "disconnected");
    expect(dropped.message).toMatch(/expired/i);
    worker.disconnect();
    expect(ready).toBe(false);
    expect(taskrouter.bridge.sessionCount(created.sid)).toBe(0);
    expect(s.sandbox.debugger.list().some((entry) => entry.code === 20104)).toBe(true);
  });

  it("rescinds the other worker's reservation when a multi-reserved task is accepted", async () => {
    const dan = await newWorker("dan");
    const eve = await newWorker("eve");
    await dan.activities.get(activity.Available!)!.setAsCurrent();
    await eve.activities.get(activity.Available!)!.setAsCurrent();
    const forDan = next<Reservation>(dan, "reservationCreated");
    const forEve = next<Reservation>(eve, "reservationCreated");
    await createTask();
    const [danReservation, eveReservation] = await Promise.all([forDan, forEve]);
    const rescinded = next(eveReservation, "rescinded");
    await danReservation.accept();
    await rescinded;
    expect(eveReservation.status).toBe("rescinded");
  });

  it("keeps worker versions in step with the SDK's If-Match (enableVersionCheck)", async () => {
    const created = await s.client.taskrouter.v1.workspaces(ws).workers.create({
      friendlyName: "vera",
      activitySid: activity.Available!,
    });
    const worker = connect(tokenFor(created.sid), { enableVersionCheck: true });
    await next(worker, "ready");
    await worker.setAttributes({ step: 1 });
    // reservation.created bumps the SDK's local version: the server must bump it too.
    const reserved = next<Reservation>(worker, "reservationCreated");
    await createTask();
    await reserved;
    await worker.setAttributes({ step: 2 });
    expect(worker.attributes).toEqual({ step: 2 });
    // A change made elsewhere reaches the SDK as worker.attributes.update with the new version.
    const updated = next(worker, "attributesUpdated");
    await s.client.taskrouter.v1
      .workspaces(ws)
      .workers(created.sid)
      .update({ attributes: JSON.stringify({ step: "server" }) });
    await updated;
    await worker.setAttributes({ step: 3 });
    expect(
      JSON.parse(
        (await s.client.taskrouter.v1.workspaces(ws).workers(created.sid).fetch()).attributes,
      ),
    ).toEqual({ step: 3 });
  });

  it("fires tokenExpired, drops the socket at expiry, and reconnects after updateToken", async () => {
    const created = await s.client.taskrouter.v1
      .workspaces(ws)
      .workers.create({ friendlyName: "frank" });
    // Tokens carry wall-clock times; line the manual sandbox clock up with them for this test.
    s.sandbox.ctx.clock.setNow(Date.now());
    // The SDK warns 5 s before the lifetime the bridge announced in `init`.
    const worker = connect(tokenFor(created.sid, 7));
    await next(worker, "ready");
    await next(worker, "tokenExpired", 10_000);
    const dropped = next<{ message: string }>(worker, "disconnected");
    await s.advance(7_000);
    expect((await dropped).message).toBe("Token expired");
    expect(taskrouter.bridge.sessionCount(created.sid)).toBe(0);
    const ready = next(worker, "ready", 15_000);
    worker.updateToken(tokenFor(created.sid));
    await ready;
    expect(taskrouter.bridge.sessionCount(created.sid)).toBe(1);
    await worker.activities.get(activity.Unavailable!)!.setAsCurrent();
    expect(worker.activity.name).toBe("Unavailable");
  });

  it("reconnects by itself when the bridge drops the connection, and disconnects on request", async () => {
    const worker = await newWorker("gina");
    const dropped = next<{ message: string }>(worker, "disconnected");
    const ready = next(worker, "ready", 15_000);
    taskrouter.bridge.disconnectAll("network blip");
    expect((await dropped).message).toBe("network blip");
    await ready;
    expect(taskrouter.bridge.sessionCount(worker.sid)).toBe(1);
    const closed = next<{ message: string }>(worker, "disconnected");
    worker.disconnect();
    expect((await closed).message).toBe("SDK Disconnect");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(taskrouter.bridge.sessionCount(worker.sid)).toBe(0);
  });

  it("refuses a token signed with the wrong secret and one for another workspace's worker", async () => {
    const created = await s.client.taskrouter.v1
      .workspaces(ws)
      .workers.create({ friendlyName: "henry" });
    const forged = connect(tokenFor(created.sid, 3600, "x".repeat(32)));
    const dropped = await next<{ message: string }>(forged, "disconnected");
    expect(dropped.message).toMatch(/signature verification failed/);
    forged.disconnect();
    expect(s.sandbox.debugger.list().some((entry) => entry.code === 20101)).toBe(true);
    const response = await fetch(`${s.url}/taskrouter/v1/wschannels`, {
      method: "POST",
      headers: { apiVersion: "v1" },
      body: JSON.stringify({
        url: `Workspaces/WS${"0".repeat(32)}/Workers/${created.sid}`,
        method: "GET",
        params: {},
        token: tokenFor(created.sid),
      }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 20403 });
    expect(CLOSE.invalidToken).toBe(4001);
  });

  it("answers the browser's CORS preflight for the ebServer endpoint", async () => {
    const response = await fetch(`${s.url}/taskrouter/v1/wschannels`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "apiversion,clientversion,content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "apiversion,clientversion,content-type",
    );
  });
});
