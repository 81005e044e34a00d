import { describe, expect, it } from "vitest";
import { TaskRouterApiError } from "./errors";
import { createHarness } from "./testing/engine-harness";

function twoWorkers() {
  const h = createHarness();
  const base = h.basic();
  const alice = h.worker(base.workspace.sid, {
    FriendlyName: "alice",
    ActivitySid: base.available.sid,
  });
  const bob = h.worker(base.workspace.sid, {
    FriendlyName: "bob",
    ActivitySid: base.available.sid,
  });
  return { h, ...base, alice, bob };
}

const params = (h: ReturnType<typeof createHarness>, type: string) =>
  h.engine.state.events
    .filter((e) => e.eventType === type)
    .map((e) => Object.fromEntries(e.params));

describe("reservation timeouts", () => {
  it("time out after the default 120 s: worker to the timeout activity, task re-offered to another worker", async () => {
    const { h, workspace, alice, bob, offline } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    const first = h.pending(task.sid)[0]!;
    expect(first.workerSid).toBe(alice.sid);
    expect(first.timeout).toBe(120);
    await h.advance(119_999);
    expect(first.status).toBe("pending");
    await h.advance(1);
    expect(first.status).toBe("timeout");
    expect(alice.activitySid).toBe(offline.sid);
    expect(h.pending(task.sid).map((r) => r.workerSid)).toEqual([bob.sid]);
    expect(task.assignmentStatus).toBe("reserved");
    const update = params(h, "worker.activity.update").at(-1)!;
    expect(update).toMatchObject({
      WorkerSid: alice.sid,
      WorkerActivityName: "Offline",
      WorkerPreviousActivityName: "Available",
      WorkerTimeInPreviousActivity: "120",
      WorkerTimeInPreviousActivityMs: "120000",
    });
  });

  it("use the workflow's TaskReservationTimeout", async () => {
    const h = createHarness();
    const { workspace, available } = h.basic({ workflow: { TaskReservationTimeout: "30" } });
    h.worker(workspace.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const reservation = h.pending(task.sid)[0]!;
    expect(reservation.timeout).toBe(30);
    await h.advance(30_000);
    expect(reservation.status).toBe("timeout");
    expect(task.assignmentStatus).toBe("pending");
  });
});

describe("accept, reject, complete, wrap", () => {
  it("reject re-routes to another worker; WorkerActivitySid moves the rejecting worker", async () => {
    const { h, workspace, alice, bob } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const first = h.pending(task.sid)[0]!;
    const unavailable = h.activity(workspace.sid, "Unavailable");
    h.updateReservation(workspace.sid, task.sid, first.sid, {
      ReservationStatus: "rejected",
      WorkerActivitySid: unavailable.sid,
    });
    expect(first.status).toBe("rejected");
    expect(alice.activitySid).toBe(unavailable.sid);
    expect(h.pending(task.sid).map((r) => r.workerSid)).toEqual([bob.sid]);
    expect(task.reservationCount).toBe(2);
  });

  it("refuses to accept a reservation that is no longer pending", () => {
    const { h, workspace } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const first = h.pending(task.sid)[0]!;
    h.updateReservation(workspace.sid, task.sid, first.sid, { ReservationStatus: "rejected" });
    expect(() =>
      h.updateReservation(workspace.sid, task.sid, first.sid, { ReservationStatus: "accepted" }),
    ).toThrow(TaskRouterApiError);
  });

  it("accept → assigned; wrapping → wrapup events; completed → task.completed, reservation.completed, task.updated", async () => {
    const { h, workspace } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    const reservation = h.pending(task.sid)[0]!;
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      ReservationStatus: "accepted",
    });
    expect(task.assignmentStatus).toBe("assigned");
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "wrapping" });
    expect(task.assignmentStatus).toBe("wrapping");
    expect(reservation.status).toBe("wrapping");
    expect(() => h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "completed" })).toThrow(
      /Reason is required/,
    );
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "completed", Reason: "resolved" });
    expect(task.assignmentStatus).toBe("completed");
    expect(reservation.status).toBe("completed");
    expect(h.eventTypes().slice(-6)).toEqual([
      "reservation.accepted",
      "task.wrapup",
      "reservation.wrapup",
      "task.completed",
      "reservation.completed",
      "task.updated",
    ]);
    expect(params(h, "task.completed")[0]).toMatchObject({
      TaskCompletedReason: "resolved",
      TaskAssignmentStatus: "completed",
    });
  });

  it("the reservation's own status can wrap and complete the task", () => {
    const { h, workspace } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const reservation = h.pending(task.sid)[0]!;
    expect(() =>
      h.updateReservation(workspace.sid, task.sid, reservation.sid, {
        ReservationStatus: "completed",
      }),
    ).toThrow(/only an accepted/);
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      ReservationStatus: "accepted",
    });
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      ReservationStatus: "wrapping",
    });
    expect(task.assignmentStatus).toBe("wrapping");
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      ReservationStatus: "completed",
    });
    expect(task.assignmentStatus).toBe("completed");
  });

  it("canceling a reserved task cancels its pending reservation first; an assigned task cannot be canceled", () => {
    const { h, workspace } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const reservation = h.pending(task.sid)[0]!;
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "canceled", Reason: "caller left" });
    expect(reservation.status).toBe("canceled");
    expect(h.eventTypes().slice(-2)).toEqual(["reservation.canceled", "task.canceled"]);
    const other = h.task(workspace.sid, { Attributes: "{}" });
    h.updateReservation(workspace.sid, other.sid, h.pending(other.sid)[0]!.sid, {
      ReservationStatus: "accepted",
    });
    expect(() =>
      h.updateTask(workspace.sid, other.sid, { AssignmentStatus: "canceled", Reason: "x" }),
    ).toThrow(/only a pending or reserved/);
  });

  it("If-Match with a stale version is refused with 412", () => {
    const { h, workspace } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const version = String(task.version);
    h.updateTask(workspace.sid, task.sid, { Attributes: JSON.stringify({ a: 1 }) }, version);
    try {
      h.updateTask(workspace.sid, task.sid, { Attributes: JSON.stringify({ a: 2 }) }, version);
      throw new Error("expected a 412");
    } catch (error) {
      expect(error).toMatchObject({ status: 412 });
    }
    expect(JSON.parse(task.attributes)).toEqual({ a: 1 });
  });

  it("RejectPendingReservations rejects the worker's pending reservations when it goes unavailable", () => {
    const { h, workspace, alice, bob } = twoWorkers();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const offline = h.activity(workspace.sid, "Offline");
    expect(() =>
      h.updateWorker(workspace.sid, alice.sid, {
        ActivitySid: h.activity(workspace.sid, "Available").sid,
        RejectPendingReservations: "true",
      }),
    ).toThrow(/only valid when moving the Worker to an unavailable Activity/);
    h.updateWorker(workspace.sid, alice.sid, {
      ActivitySid: offline.sid,
      RejectPendingReservations: "true",
    });
    expect(h.reservations(task.sid).map((r) => [r.workerSid, r.status])).toEqual([
      [alice.sid, "rejected"],
      [bob.sid, "pending"],
    ]);
  });
});

describe("the engine API used by the voice engine", () => {
  it("createTask (from <Enqueue workflowSid>) and cancelTask when the caller hangs up", async () => {
    const h = createHarness();
    const { workflow, workspace } = h.basic();
    const { taskSid } = await h.module.api.createTask({
      workflowSid: workflow.sid,
      attributes: { call_sid: "CA1", from: "+15550001111" },
      priority: 2,
      timeoutSeconds: 600,
    });
    const task = h.engine.task(workspace.sid, taskSid);
    expect(task).toMatchObject({ priority: 2, timeout: 600, assignmentStatus: "pending" });
    expect(h.engine.state.taskChannels.get(task.taskChannelSid)?.uniqueName).toBe("voice");
    await h.module.api.cancelTask(taskSid, "hangup");
    expect(task).toMatchObject({ assignmentStatus: "canceled", reason: "hangup" });
    await expect(h.module.api.createTask({ workflowSid: "WW0", attributes: {} })).rejects.toThrow(
      /not found/,
    );
  });

  it("onCallEnded moves an assigned voice task to wrapping, like Twilio does for conference/dequeue tasks", async () => {
    const h = createHarness();
    const { workflow, workspace, available } = h.basic();
    h.worker(workspace.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    const { taskSid } = await h.module.api.createTask({
      workflowSid: workflow.sid,
      attributes: { call_sid: "CA123" },
    });
    const task = h.engine.task(workspace.sid, taskSid);
    h.updateReservation(workspace.sid, taskSid, h.pending(taskSid)[0]!.sid, {
      ReservationStatus: "accepted",
    });
    h.module.api.onCallEnded?.("CA999");
    expect(task.assignmentStatus).toBe("assigned");
    h.module.api.onCallEnded?.("CA123");
    expect(task.assignmentStatus).toBe("wrapping");
  });
});

describe("deletion", () => {
  it("deletes completed and canceled tasks five minutes later (task.system-deleted)", async () => {
    const h = createHarness();
    const { workspace } = h.basic();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "canceled", Reason: "x" });
    await h.advance(299_999);
    expect(h.engine.state.tasks.has(task.sid)).toBe(true);
    await h.advance(1);
    expect(h.engine.state.tasks.has(task.sid)).toBe(false);
    expect(h.eventTypes().at(-1)).toBe("task.system-deleted");
  });
});

describe("snapshot and restore", () => {
  it("keep SIDs and re-arm timers: a pending reservation still times out after a restore", async () => {
    const h = createHarness();
    const { workspace, available } = h.basic();
    const alice = h.worker(workspace.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    const task = h.task(workspace.sid, { Attributes: JSON.stringify({ a: 1 }) });
    await h.advance(60_000);
    const snapshot = JSON.parse(JSON.stringify(h.module.snapshot!()));
    const other = createHarness();
    other.clock.setNow(h.clock.now());
    other.module.restore!(snapshot);
    const restored = other.engine.task(workspace.sid, task.sid);
    expect(restored.attributes).toBe(task.attributes);
    expect(
      other.engine.workflow(workspace.sid, restored.workflowSid).config.defaultFilter,
    ).not.toBeNull();
    await other.advance(60_000);
    expect(other.engine.reservationsOfTask(task.sid)[0]?.status).toBe("timeout");
    expect(other.engine.worker(workspace.sid, alice.sid).activitySid).toBe(
      other.activity(workspace.sid, "Offline").sid,
    );
    other.module.reset!();
    expect(other.engine.state.workspaces.size).toBe(0);
  });

  it("restores a snapshot whose workflow points at a missing queue without failing the whole restore", () => {
    const h = createHarness();
    const { workspace, workflow } = h.basic();
    const snapshot = JSON.parse(JSON.stringify(h.module.snapshot!())) as { taskQueues: unknown[] };
    snapshot.taskQueues = [];
    const other = createHarness();
    other.module.restore!(snapshot);
    expect(other.engine.workflow(workspace.sid, workflow.sid).config).toEqual({
      filters: [],
      defaultFilter: null,
    });
  });
});
