import { describe, expect, it } from "vitest";
import { createHarness } from "./testing/engine-harness";

const EVENTS_URL = "https://app.example.com/api/twilio/taskrouter/events";

describe("event callbacks", () => {
  it("follow Twilio's typical order for an accepted and completed task", async () => {
    const h = createHarness();
    const { workspace, available } = h.basic({ workspace: { EventCallbackUrl: EVENTS_URL } });
    h.worker(workspace.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    await h.settle();
    h.sent.length = 0;
    const task = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    const reservation = h.reservations(task.sid)[0]!;
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      ReservationStatus: "accepted",
    });
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "completed", Reason: "done" });
    await h.settle();
    const delivered = h.sent
      .filter((r) => r.kind === "taskrouter-event")
      .map((r) => r.params.EventType);
    expect(delivered).toEqual([
      "workflow.entered",
      "task-queue.entered",
      "task.created",
      "workflow.target-matched",
      "reservation.created",
      "reservation.accepted",
      "task.completed",
      "reservation.completed",
      "task.updated",
    ]);
  });

  it("carry the event reference fields: Sid, TimestampMs, task, queue, workflow, reservation and worker fields", async () => {
    const h = createHarness();
    const { workspace, available, queue, workflow } = h.basic({
      workspace: { EventCallbackUrl: EVENTS_URL, FriendlyName: "Contact center" },
    });
    const alice = h.worker(workspace.sid, {
      FriendlyName: "alice",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ skills: ["x"] }),
    });
    const task = h.task(workspace.sid, {
      Attributes: JSON.stringify({ type: "support" }),
      Priority: "7",
      TaskChannel: "voice",
    });
    await h.settle();
    const created = h.sent.find((r) => r.params.EventType === "reservation.created")!;
    expect(created.kind).toBe("taskrouter-event");
    expect(created.url).toBe(EVENTS_URL);
    const p = created.params as Record<string, string>;
    expect(p).toMatchObject({
      AccountSid: h.ctx.account.accountSid,
      WorkspaceSid: workspace.sid,
      WorkspaceName: "Contact center",
      ResourceType: "Reservation",
      ResourceSid: h.reservations(task.sid)[0]!.sid,
      TaskSid: task.sid,
      TaskAttributes: JSON.stringify({ type: "support" }),
      TaskPriority: "7",
      TaskAssignmentStatus: "reserved",
      TaskChannelUniqueName: "voice",
      TaskQueueSid: queue.sid,
      TaskQueueName: "Support",
      TaskQueueTargetExpression: "1==1",
      WorkflowSid: workflow.sid,
      WorkflowName: "Main",
      ReservationSid: h.reservations(task.sid)[0]!.sid,
      WorkerSid: alice.sid,
      WorkerName: "alice",
      WorkerActivityName: "Available",
      WorkerAttributes: JSON.stringify({ skills: ["x"] }),
    });
    expect(p.Sid).toMatch(/^EV[0-9a-f]{32}$/);
    expect(p.TimestampMs).toBe(String(h.clock.now()));
    expect(p.Timestamp).toBe(String(Math.floor(h.clock.now() / 1000)));
    expect(p.EventDescription).toMatch(/Reservation WR[0-9a-f]{32} created for Worker alice/);
    expect(Object.keys(p).slice(0, 10)).toEqual([
      "EventType",
      "AccountSid",
      "WorkspaceSid",
      "WorkspaceName",
      "EventDescription",
      "ResourceType",
      "ResourceSid",
      "Timestamp",
      "TimestampMs",
      "Sid",
    ]);
  });

  it("are filtered by EventsFilter but still listed in the Events resource", async () => {
    const h = createHarness();
    const { workspace } = h.basic({
      workspace: { EventCallbackUrl: EVENTS_URL, EventsFilter: "task.created, task.canceled" },
    });
    const task = h.task(workspace.sid, { Attributes: "{}" });
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "canceled", Reason: "gone" });
    await h.settle();
    expect(
      h.sent.filter((r) => r.kind === "taskrouter-event").map((r) => r.params.EventType),
    ).toEqual(["task.created", "task.canceled"]);
    expect(h.eventTypes()).toEqual(
      expect.arrayContaining([
        "workflow.entered",
        "task-queue.entered",
        "task.created",
        "task.canceled",
      ]),
    );
  });

  it("are delivered one after another even when the app is slow", async () => {
    const h = createHarness();
    const { workspace } = h.basic({ workspace: { EventCallbackUrl: EVENTS_URL } });
    await h.settle();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.reply(EVENTS_URL, async (request) => {
      if (request.params.EventType === "workflow.entered") await gate;
      order.push(String(request.params.EventType));
      return { status: 204 };
    });
    h.task(workspace.sid, { Attributes: "{}" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release();
    await h.settle();
    expect(order.slice(0, 3)).toEqual(["workflow.entered", "task-queue.entered", "task.created"]);
  });

  it("feed the console board with task, reservation and worker updates", async () => {
    const h = createHarness();
    const { workspace, available } = h.basic();
    h.worker(workspace.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    const task = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    const types = h.emitted.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["task.updated", "reservation.updated", "worker.updated"]),
    );
    const last = h.emitted.filter((e) => e.type === "task.updated").at(-1)!.data as {
      sid: string;
      assignment_status: string;
    };
    expect(last).toMatchObject({ sid: task.sid, assignment_status: "reserved" });
    const board = h.module.state!() as {
      workers: { friendlyName: string }[];
      tasks: { sid: string; reservations: unknown[] }[];
    }[];
    expect(board[0]?.workers.map((w) => w.friendlyName)).toEqual(["alice"]);
    expect(board[0]?.tasks[0]?.reservations).toHaveLength(1);
  });
});
