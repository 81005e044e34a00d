/**
 * Conformance: TaskRouter v1 through the unmodified twilio client (written against Twilio's
 * contract — it only uses the public API, so it could run against real Twilio with a test
 * workspace), plus the signed callbacks the app receives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";

const HOST = "https://taskrouter.twilio.com/v1/Workspaces/";

describe("TaskRouter REST (v1) through the twilio client", () => {
  let s: TestSandbox;
  let ws: string;
  let tr: ReturnType<TestSandbox["client"]["taskrouter"]["v1"]["workspaces"]>;
  let available: string;
  let queueSid: string;
  let workflowSid: string;

  beforeAll(async () => {
    s = await startTestSandbox();
    s.app.on("/assignment", () => ({ status: 200, body: "" }));
    const workspace = await s.client.taskrouter.v1.workspaces.create({
      friendlyName: "Conformance",
      eventCallbackUrl: `${s.app.url}/events`,
    });
    ws = workspace.sid;
    tr = s.client.taskrouter.v1.workspaces(ws);
    available = (await tr.activities.list({ friendlyName: "Available" }))[0]!.sid;
  });
  afterAll(async () => {
    await s?.close();
  });

  it("creates a workspace with Twilio's defaults and shape", async () => {
    const workspace = await tr.fetch();
    expect(workspace.sid).toMatch(/^WS[0-9a-f]{32}$/);
    expect(workspace).toMatchObject({
      accountSid: s.credentials.accountSid,
      friendlyName: "Conformance",
      defaultActivityName: "Offline",
      timeoutActivityName: "Offline",
      multiTaskEnabled: true,
      prioritizeQueueOrder: "FIFO",
      eventCallbackUrl: `${s.app.url}/events`,
      url: `https://taskrouter.twilio.com/v1/Workspaces/${ws}`,
    });
    expect(workspace.dateCreated).toBeInstanceOf(Date);
    expect(workspace.links).toMatchObject({
      activities: `${HOST}${ws}/Activities`,
      workers: `${HOST}${ws}/Workers`,
      task_queues: `${HOST}${ws}/TaskQueues`,
    });
    await expect(
      s.client.taskrouter.v1.workspaces.create({ friendlyName: "Conformance" }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("lists the default activities and manages new ones", async () => {
    const names = (await tr.activities.list()).map((a) => [a.friendlyName, a.available]);
    expect(names).toEqual([
      ["Offline", false],
      ["Available", true],
      ["Unavailable", false],
    ]);
    const wrap = await tr.activities.create({ friendlyName: "Wrap-up", available: false });
    expect(wrap.sid).toMatch(/^WA/);
    expect((await tr.activities(wrap.sid).update({ friendlyName: "Wrap up" })).friendlyName).toBe(
      "Wrap up",
    );
    expect((await tr.activities.list({ available: "true" })).map((a) => a.friendlyName)).toEqual([
      "Available",
    ]);
    await tr.activities(wrap.sid).remove();
    await expect(tr.activities(wrap.sid).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
      moreInfo: "https://www.twilio.com/docs/errors/20404",
    });
  });

  it("has the default task channels", async () => {
    const channels = await tr.taskChannels.list();
    expect(channels.map((c) => c.uniqueName)).toEqual(
      expect.arrayContaining(["default", "voice", "sms", "chat", "video"]),
    );
    expect(channels[0]!.sid).toMatch(/^TC/);
  });

  it("validates TargetWorkers and workflow configurations with readable 400s", async () => {
    await expect(
      tr.taskQueues.create({ friendlyName: "Bad", targetWorkers: "skill-level == 1" }),
    ).rejects.toMatchObject({
      status: 400,
      code: 20001,
      message: expect.stringMatching(/Hyphens are not supported/),
    });
    const queue = await tr.taskQueues.create({
      friendlyName: "Support",
      targetWorkers: "skills HAS 'support'",
      maxReservedWorkers: 1,
    });
    queueSid = queue.sid;
    expect(queue).toMatchObject({
      targetWorkers: "skills HAS 'support'",
      taskOrder: "FIFO",
      maxReservedWorkers: 1,
    });
    expect(queue.links).toMatchObject({
      real_time_statistics: `${HOST}${ws}/TaskQueues/${queue.sid}/RealTimeStatistics`,
    });
    await expect(
      tr.workflows.create({
        friendlyName: "Bad",
        configuration: JSON.stringify({
          task_routing: { filters: [{ expression: "a ==", targets: [{ queue: queueSid }] }] },
        }),
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/filters\[0\]\.expression/),
    });
    await expect(
      tr.workflows.create({
        friendlyName: "Bad",
        configuration: JSON.stringify({
          task_routing: { default_filter: { queue: "WQ00000000000000000000000000000000" } },
        }),
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/not a TaskQueue of this workspace/),
    });
    const configuration = JSON.stringify({
      task_routing: { filters: [], default_filter: { queue: queueSid } },
    });
    const workflow = await tr.workflows.create({
      friendlyName: "Main",
      configuration,
      assignmentCallbackUrl: `${s.app.url}/assignment`,
      taskReservationTimeout: 60,
    });
    workflowSid = workflow.sid;
    expect(workflow).toMatchObject({
      configuration,
      taskReservationTimeout: 60,
      documentContentType: "application/json",
    });
  });

  it("creates workers, filters the list and pages through it on the real host", async () => {
    const names = ["ann", "ben", "cat"];
    for (const name of names) {
      await tr.workers.create({
        friendlyName: name,
        activitySid: available,
        attributes: JSON.stringify({ skills: name === "cat" ? ["sales"] : ["support"] }),
      });
    }
    const page = await tr.workers.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    expect((page as unknown as { nextPageUrl: string }).nextPageUrl).toMatch(
      /^https:\/\/taskrouter\.twilio\.com\/v1\/Workspaces\/WS[0-9a-f]+\/Workers\?PageSize=2&Page=1/,
    );
    expect((await tr.workers.list({ pageSize: 2 })).map((w) => w.friendlyName)).toEqual(names);
    expect(
      (await tr.workers.list({ targetWorkersExpression: "skills HAS 'sales'" })).map(
        (w) => w.friendlyName,
      ),
    ).toEqual(["cat"]);
    expect((await tr.workers.list({ taskQueueSid: queueSid })).map((w) => w.friendlyName)).toEqual([
      "ann",
      "ben",
    ]);
    const worker = (await tr.workers.list({ friendlyName: "ann" }))[0]!;
    expect(worker).toMatchObject({
      activityName: "Available",
      available: true,
      attributes: JSON.stringify({ skills: ["support"] }),
    });
    expect(worker.dateStatusChanged).toBeInstanceOf(Date);
    const channels = await tr.workers(worker.sid).workerChannels.list();
    expect(channels.find((c) => c.taskChannelUniqueName === "voice")).toMatchObject({
      configuredCapacity: 1,
      available: true,
      assignedTasks: 0,
    });
    const chat = await tr.workers(worker.sid).workerChannels("chat").update({ capacity: 3 });
    expect(chat.configuredCapacity).toBe(3);
  });

  it("routes a task, accepts the reservation over REST and completes it", async () => {
    const task = await tr.tasks.create({
      workflowSid,
      attributes: JSON.stringify({ type: "support" }),
      taskChannel: "voice",
      priority: 1,
    });
    expect(task.sid).toMatch(/^WT/);
    expect(task).toMatchObject({
      assignmentStatus: "reserved",
      taskQueueSid: queueSid,
      taskQueueFriendlyName: "Support",
      workflowFriendlyName: "Main",
      taskChannelUniqueName: "voice",
      age: 0,
      timeout: 86400,
    });
    expect(task.attributes).toBe(JSON.stringify({ type: "support" }));
    await s.settle();
    const [reservation] = await tr
      .tasks(task.sid)
      .reservations.list({ reservationStatus: "pending" });
    expect(reservation!.sid).toMatch(/^WR/);
    expect(reservation).toMatchObject({
      workerName: "ann",
      url: `${HOST}${ws}/Tasks/${task.sid}/Reservations/${reservation!.sid}`,
    });
    const viaWorker = await tr
      .workers(reservation!.workerSid)
      .reservations(reservation!.sid)
      .fetch();
    expect(viaWorker.url).toBe(
      `${HOST}${ws}/Workers/${reservation!.workerSid}/Reservations/${reservation!.sid}`,
    );
    const accepted = await tr
      .tasks(task.sid)
      .reservations(reservation!.sid)
      .update({ reservationStatus: "accepted" });
    expect(accepted.reservationStatus).toBe("accepted");
    await expect(
      tr.tasks(task.sid).update({ attributes: "{}", ifMatch: "0" }),
    ).rejects.toMatchObject({ status: 412 });
    const fresh = await tr.tasks(task.sid).fetch();
    expect(fresh.assignmentStatus).toBe("assigned");
    const completed = await tr
      .tasks(task.sid)
      .update({ assignmentStatus: "completed", reason: "resolved" });
    expect(completed).toMatchObject({ assignmentStatus: "completed", reason: "resolved" });
    expect((await tr.tasks.list({ assignmentStatus: ["completed"] })).map((t) => t.sid)).toContain(
      task.sid,
    );
  });

  it("times out reservations on the sandbox clock", async () => {
    const task = await tr.tasks.create({ workflowSid, attributes: "{}" });
    await s.settle();
    const [first] = await tr.tasks(task.sid).reservations.list();
    await s.advance(60_000);
    const timedOut = await tr.tasks(task.sid).reservations(first!.sid).fetch();
    expect(timedOut.reservationStatus).toBe("timeout");
    const worker = await tr.workers(first!.workerSid).fetch();
    expect(worker.activityName).toBe("Offline");
    const reservations = await tr.tasks(task.sid).reservations.list();
    expect(reservations).toHaveLength(2);
    expect(reservations[1]!.workerSid).not.toBe(first!.workerSid);
    await tr.tasks(task.sid).update({ assignmentStatus: "canceled", reason: "test over" });
  });

  it("answers statistics computed from the live state and the event history", async () => {
    await tr.tasks.create({
      workflowSid,
      attributes: JSON.stringify({ type: "waiting" }),
      priority: 5,
    });
    const realtime = await tr.realTimeStatistics().fetch();
    expect(realtime.totalWorkers).toBe(3);
    expect(realtime.tasksByStatus).toMatchObject({
      pending: expect.any(Number),
      reserved: expect.any(Number),
      assigned: 0,
      wrapping: 0,
    });
    expect(realtime.totalTasks).toBeGreaterThan(0);
    expect(
      realtime.activityStatistics.map((a: { friendly_name: string }) => a.friendly_name),
    ).toEqual(["Offline", "Available", "Unavailable"]);
    const queue = await tr.taskQueues(queueSid).realTimeStatistics().fetch();
    expect(queue).toMatchObject({ taskQueueSid: queueSid, totalEligibleWorkers: 2 });
    expect(queue.tasksByPriority).toMatchObject({ "5": 1 });
    const cumulative = await tr.cumulativeStatistics().fetch({ minutes: 60 });
    expect(cumulative.tasksCompleted).toBe(1);
    expect(cumulative.reservationsAccepted).toBe(1);
    expect(cumulative.reservationsTimedOut).toBe(1);
    expect(cumulative.tasksCanceled).toBe(1);
    const queueStats = await tr.taskQueues(queueSid).statistics().fetch();
    expect(queueStats.cumulative).toMatchObject({ tasks_entered: 3 });
    expect(queueStats.realtime).toMatchObject({ total_eligible_workers: 2 });
    const workers = await tr.workers.statistics().fetch();
    expect(workers.realtime).toMatchObject({ total_workers: 3 });
    const workflow = await tr.workflows(workflowSid).realTimeStatistics().fetch();
    expect(workflow.totalTasks).toBeGreaterThan(0);
    const bulk = await tr.taskQueues.bulkRealTimeStatistics.create([
      { task_queue_sid: queueSid },
    ] as never);
    expect(bulk.taskQueueResponseCount).toBe(1);
  });

  it("lists events (newest first) with filters", async () => {
    const created = await tr.events.list({ eventType: "task.created" });
    expect(created.length).toBeGreaterThanOrEqual(3);
    expect(created[0]!.sid).toMatch(/^EV/);
    expect(created[0]).toMatchObject({ eventType: "task.created", resourceType: "Task" });
    expect(created[0]!.eventData).toMatchObject({
      task_sid: created[0]!.resourceSid,
      workspace_sid: ws,
    });
    expect(created[0]!.eventDate.getTime()).toBeGreaterThanOrEqual(
      created[created.length - 1]!.eventDate.getTime(),
    );
    const one = await tr.events(created[0]!.sid).fetch();
    expect(one.description).toMatch(/^Task WT[0-9a-f]{32} created$/);
  });

  it("delivered signed event and assignment callbacks to the app, in order", async () => {
    await s.settle();
    const events = s.app.to("/events");
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((hook) => hook.signatureValid)).toBe(true);
    const types = events.map((hook) => hook.params.EventType);
    expect(types.indexOf("task.created")).toBeLessThan(types.indexOf("reservation.created"));
    const assignments = s.app.to("/assignment");
    expect(assignments.length).toBeGreaterThan(0);
    expect(
      assignments.every(
        (hook) => hook.signatureValid && hook.params.ReservationSid?.startsWith("WR"),
      ),
    ).toBe(true);
  });

  it("deletes resources with 204 and refuses to delete what is in use", async () => {
    await expect(tr.taskQueues(queueSid).remove()).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/used by Workflow/),
    });
    const extra = await tr.workers.create({ friendlyName: "temp" });
    expect(await tr.workers(extra.sid).remove()).toBe(true);
    const other = await s.client.taskrouter.v1.workspaces.create({
      friendlyName: "Disposable",
      template: "FIFO",
    });
    const workflows = await s.client.taskrouter.v1.workspaces(other.sid).workflows.list();
    expect(workflows.map((w) => w.friendlyName)).toEqual(["Default Fifo Workflow"]);
    expect(await s.client.taskrouter.v1.workspaces(other.sid).remove()).toBe(true);
  });
});
