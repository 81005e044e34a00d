import { describe, expect, it } from "vitest";
import { parseAttributes } from "./model";
import { createHarness, type Harness } from "./testing/engine-harness";

const config = (taskRouting: unknown) => JSON.stringify({ task_routing: taskRouting });

function setup(h: Harness, queues: string[] = ["Q1", "Q2", "Q3"]) {
  const ws = h.workspace();
  const available = h.activity(ws.sid, "Available");
  const offline = h.activity(ws.sid, "Offline");
  const q = Object.fromEntries(
    queues.map((name) => [
      name,
      h.queue(ws.sid, { FriendlyName: name, TargetWorkers: `queues HAS '${name}'` }),
    ]),
  );
  return { ws, available, offline, q };
}

describe("workflow filters", () => {
  it("uses the first matching filter; default_filter only when none matched", async () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            filter_friendly_name: "Sales",
            expression: "type == 'sales'",
            targets: [{ queue: q.Q1!.sid }],
          },
          {
            filter_friendly_name: "Both",
            expression: "type IN ['sales','support']",
            targets: [{ queue: q.Q2!.sid }],
          },
        ],
        default_filter: { queue: q.Q3!.sid },
      }),
    });
    const sales = h.task(ws.sid, { Attributes: JSON.stringify({ type: "sales" }) });
    const support = h.task(ws.sid, { Attributes: JSON.stringify({ type: "support" }) });
    const other = h.task(ws.sid, { Attributes: JSON.stringify({ type: "billing" }) });
    expect([sales.taskQueueSid, support.taskQueueSid, other.taskQueueSid]).toEqual([
      q.Q1!.sid,
      q.Q2!.sid,
      q.Q3!.sid,
    ]);
    const matched = h.engine.state.events.filter((e) => e.eventType === "workflow.target-matched");
    expect(matched.map((e) => Object.fromEntries(e.params).WorkflowFilterName)).toEqual([
      "Sales",
      "Both",
      "Default Filter",
    ]);
  });

  it("leaves a task that matches nothing (and no default_filter) waiting in no queue, with a debugger warning", () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [{ expression: "type == 'x'", targets: [{ queue: q.Q1!.sid }] }],
      }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    expect(task.assignmentStatus).toBe("pending");
    expect(task.taskQueueSid).toBeNull();
    expect(h.debuggerEntries.some((e) => e.message.includes("matched no filter"))).toBe(true);
    expect(h.eventTypes()).toContain("task.created");
  });

  it("re-routes a pending task whose attributes change", () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [{ expression: "vip == true", targets: [{ queue: q.Q1!.sid }] }],
        default_filter: { queue: q.Q2!.sid },
      }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    expect(task.taskQueueSid).toBe(q.Q2!.sid);
    h.updateTask(ws.sid, task.sid, { Attributes: JSON.stringify({ vip: true }) });
    expect(task.taskQueueSid).toBe(q.Q1!.sid);
  });
});

describe("targets and timeouts", () => {
  it("moves to the next target when the timeout passes; timeouts add up from entering the filter", async () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            expression: "1==1",
            targets: [
              { queue: q.Q1!.sid, timeout: 10 },
              { queue: q.Q2!.sid, timeout: "10" },
              { queue: q.Q3!.sid },
            ],
          },
        ],
      }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    await h.advance(9_999);
    expect(task.taskQueueSid).toBe(q.Q1!.sid);
    await h.advance(1);
    expect(task.taskQueueSid).toBe(q.Q2!.sid);
    await h.advance(9_999);
    expect(task.taskQueueSid).toBe(q.Q2!.sid);
    await h.advance(1);
    expect(task.taskQueueSid).toBe(q.Q3!.sid);
    expect(h.eventTypes((t) => t.startsWith("task-queue.") && t !== "task-queue.created")).toEqual([
      "task-queue.entered",
      "task-queue.timeout",
      "task-queue.entered",
      "task-queue.moved",
      "task-queue.timeout",
      "task-queue.entered",
      "task-queue.moved",
    ]);
    await h.advance(3600_000);
    expect(task.assignmentStatus).toBe("pending");
  });

  it("later targets inherit the queue; target priority overrides the task's", async () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          { expression: "1==1", targets: [{ queue: q.Q1!.sid, timeout: 5 }, { priority: 50 }] },
        ],
      }),
    });
    const task = h.task(ws.sid, { Attributes: "{}", Priority: "3" });
    expect(task.priority).toBe(3);
    await h.advance(5_000);
    expect(task.taskQueueSid).toBe(q.Q1!.sid);
    expect(task.priority).toBe(50);
    expect(task.routing.target).toBe(1);
  });

  it("cancels a task that falls off the last target (workflow.timeout, then task.canceled)", async () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [{ expression: "1==1", targets: [{ queue: q.Q1!.sid, timeout: 5 }] }],
      }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    await h.advance(5_000);
    expect(task.assignmentStatus).toBe("canceled");
    expect(task.reason).toBe("Workflow Timeout");
    expect(h.eventTypes().slice(-3)).toEqual([
      "task-queue.timeout",
      "workflow.timeout",
      "task.canceled",
    ]);
  });

  it("a timeout that passes while a reservation is pending moves the task once the reservation ends", async () => {
    const h = createHarness();
    const { ws, q, available } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            expression: "1==1",
            targets: [{ queue: q.Q1!.sid, timeout: 10 }, { queue: q.Q2!.sid }],
          },
        ],
      }),
    });
    const alice = h.worker(ws.sid, {
      FriendlyName: "alice",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    await h.settle();
    const [reservation] = h.pending(task.sid);
    expect(reservation?.workerSid).toBe(alice.sid);
    await h.advance(15_000);
    expect(task.taskQueueSid).toBe(q.Q1!.sid);
    expect(task.assignmentStatus).toBe("reserved");
    h.updateReservation(ws.sid, task.sid, reservation!.sid, { ReservationStatus: "rejected" });
    expect(task.taskQueueSid).toBe(q.Q2!.sid);
    expect(task.assignmentStatus).toBe("pending");
    // Alice is not in Q2: no new reservation.
    expect(h.pending(task.sid)).toHaveLength(0);
  });
});

describe("skip_if", () => {
  it("skips a target only when no reservation can be created right away", async () => {
    const h = createHarness();
    const { ws, q, available, offline } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            expression: "1==1",
            targets: [
              { queue: q.Q1!.sid, skip_if: "workers.available == 0" },
              { queue: q.Q2!.sid },
            ],
          },
        ],
      }),
    });
    const alice = h.worker(ws.sid, {
      FriendlyName: "alice",
      ActivitySid: offline.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    const first = h.task(ws.sid, { Attributes: "{}" });
    expect(first.taskQueueSid).toBe(q.Q2!.sid);
    expect(h.eventTypes()).toContain("workflow.skipped");
    h.updateWorker(ws.sid, alice.sid, { ActivitySid: available.sid });
    const second = h.task(ws.sid, { Attributes: "{}" });
    expect(second.taskQueueSid).toBe(q.Q1!.sid);
    expect(second.assignmentStatus).toBe("reserved");
  });

  it("counts workers.<ActivitySid> in the target queue, and 1==1 skips whenever nobody can take it", () => {
    const h = createHarness();
    const { ws, q, offline } = setup(h);
    const busy = h.createActivity(ws.sid, { FriendlyName: "Busy" });
    h.worker(ws.sid, {
      FriendlyName: "a",
      ActivitySid: busy.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    h.worker(ws.sid, {
      FriendlyName: "b",
      ActivitySid: offline.sid,
      Attributes: JSON.stringify({ queues: ["Q2"] }),
    });
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            expression: "1==1",
            targets: [
              { queue: q.Q1!.sid, skip_if: `workers.${busy.sid} < 1` },
              { queue: q.Q2!.sid, skip_if: "1==1" },
              { queue: q.Q3!.sid },
            ],
          },
        ],
      }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    // One worker of Q1 is Busy (count 1, not < 1): no skip there.
    expect(task.taskQueueSid).toBe(q.Q1!.sid);
  });

  it("skipping out of the last target of a filter falls through to the next filters and default_filter", () => {
    const h = createHarness();
    const { ws, q } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            filter_friendly_name: "A",
            expression: "1==1",
            targets: [{ queue: q.Q1!.sid, skip_if: "1==1" }],
          },
          {
            filter_friendly_name: "B",
            expression: "type == 'other'",
            targets: [{ queue: q.Q2!.sid }],
          },
        ],
        default_filter: { queue: q.Q3!.sid },
      }),
    });
    const task = h.task(ws.sid, { Attributes: JSON.stringify({ type: "x" }) });
    expect(task.taskQueueSid).toBe(q.Q3!.sid);
    expect(task.routing.filter).toBe("default");
  });
});

describe("eligible workers", () => {
  it("only queue members (TargetWorkers) who are available get reservations; an empty TargetWorkers matches nobody", async () => {
    const h = createHarness();
    const { ws, q, available, offline } = setup(h);
    const empty = h.queue(ws.sid, { FriendlyName: "Empty", TargetWorkers: "" });
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [{ expression: "e == 1", targets: [{ queue: empty.sid }] }],
        default_filter: { queue: q.Q1!.sid },
      }),
    });
    h.worker(ws.sid, {
      FriendlyName: "other",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q2"] }),
    });
    const off = h.worker(ws.sid, {
      FriendlyName: "off",
      ActivitySid: offline.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    const t1 = h.task(ws.sid, { Attributes: "{}" });
    const t2 = h.task(ws.sid, { Attributes: JSON.stringify({ e: 1 }) });
    expect(h.pending(t1.sid)).toHaveLength(0);
    h.updateWorker(ws.sid, off.sid, { ActivitySid: available.sid });
    expect(h.pending(t1.sid).map((r) => r.workerSid)).toEqual([off.sid]);
    expect(h.pending(t2.sid)).toHaveLength(0);
  });

  it("applies target expressions over task. and worker. (including worker.activity_name)", () => {
    const h = createHarness();
    const { ws, q, available } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            expression: "1==1",
            targets: [
              {
                queue: q.Q1!.sid,
                expression:
                  "task.language IN worker.languages AND worker.activity_name == 'Available'",
              },
            ],
          },
        ],
      }),
    });
    h.worker(ws.sid, {
      FriendlyName: "en",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"], languages: ["en"] }),
    });
    const es = h.worker(ws.sid, {
      FriendlyName: "es",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"], languages: ["es"] }),
    });
    const task = h.task(ws.sid, { Attributes: JSON.stringify({ language: "es" }) });
    expect(h.pending(task.sid).map((r) => r.workerSid)).toEqual([es.sid]);
  });

  it("known_worker_sid routes to that worker only; a null attribute means no known worker; a non-member reports 40152", () => {
    const h = createHarness();
    const { ws, q, available } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          {
            expression: "1==1",
            targets: [{ queue: q.Q1!.sid, known_worker_sid: "task.agent_sid" }],
          },
        ],
      }),
    });
    h.worker(ws.sid, {
      FriendlyName: "a",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    const b = h.worker(ws.sid, {
      FriendlyName: "b",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    const outsider = h.worker(ws.sid, {
      FriendlyName: "c",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q2"] }),
    });
    const known = h.task(ws.sid, { Attributes: JSON.stringify({ agent_sid: b.sid }) });
    expect(h.pending(known.sid).map((r) => r.workerSid)).toEqual([b.sid]);
    const nobody = h.task(ws.sid, { Attributes: JSON.stringify({ agent_sid: null }) });
    expect(h.pending(nobody.sid)).toHaveLength(0);
    expect(h.debuggerEntries.filter((e) => e.code === 40152)).toHaveLength(0);
    const stranger = h.task(ws.sid, { Attributes: JSON.stringify({ agent_sid: outsider.sid }) });
    expect(h.pending(stranger.sid)).toHaveLength(0);
    expect(h.debuggerEntries.filter((e) => e.code === 40152)).toHaveLength(1);
  });

  it("orders by order_by (integers; missing last), then by longest idle", async () => {
    const h = createHarness();
    const { ws, q, available } = setup(h);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({
        filters: [
          { expression: "1==1", targets: [{ queue: q.Q1!.sid, order_by: "worker.level DESC" }] },
        ],
      }),
    });
    const none = h.worker(ws.sid, {
      FriendlyName: "none",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    await h.advance(1000);
    const low = h.worker(ws.sid, {
      FriendlyName: "low",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"], level: 1 }),
    });
    const high = h.worker(ws.sid, {
      FriendlyName: "high",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"], level: 9 }),
    });
    const text = h.worker(ws.sid, {
      FriendlyName: "text",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"], level: "10" }),
    });
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const task = h.task(ws.sid, { Attributes: "{}" });
      order.push(h.pending(task.sid)[0]!.workerSid);
    }
    // "10" is not an integer: it sorts with the workers lacking a level, by idle time (none joined first).
    expect(order).toEqual([high.sid, low.sid, none.sid, text.sid]);
  });

  it("offers a task to the longest-idle worker, and after a rejection to the next one", async () => {
    const h = createHarness();
    const { ws, available } = setup(h);
    const { q } = { q: h.engine.inWorkspace(h.engine.state.taskQueues, ws.sid)[0]! };
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({ filters: [], default_filter: { queue: q.sid } }),
    });
    const first = h.worker(ws.sid, {
      FriendlyName: "first",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    await h.advance(1000);
    const second = h.worker(ws.sid, {
      FriendlyName: "second",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    const task = h.task(ws.sid, { Attributes: "{}" });
    const offered = h.pending(task.sid)[0]!;
    expect(offered.workerSid).toBe(first.sid);
    await h.advance(1000);
    h.updateReservation(ws.sid, task.sid, offered.sid, { ReservationStatus: "rejected" });
    expect(h.pending(task.sid).map((r) => r.workerSid)).toEqual([second.sid]);
  });

  it("MaxReservedWorkers reserves several workers at once; the first to accept wins and the others are rescinded", async () => {
    const h = createHarness();
    const ws = h.workspace();
    const available = h.activity(ws.sid, "Available");
    const queue = h.queue(ws.sid, { FriendlyName: "Multi", MaxReservedWorkers: "2" });
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({ filters: [], default_filter: { queue: queue.sid } }),
    });
    for (const name of ["a", "b", "c"])
      h.worker(ws.sid, { FriendlyName: name, ActivitySid: available.sid });
    const task = h.task(ws.sid, { Attributes: "{}" });
    await h.settle();
    const pending = h.pending(task.sid);
    expect(pending).toHaveLength(2);
    h.updateReservation(ws.sid, task.sid, pending[1]!.sid, { ReservationStatus: "accepted" });
    expect(pending.map((r) => r.status)).toEqual(["rescinded", "accepted"]);
    expect(task.assignmentStatus).toBe("assigned");
    expect(
      h.eventTypes((t) => t === "reservation.accepted" || t === "reservation.rescinded"),
    ).toEqual(["reservation.accepted", "reservation.rescinded"]);
  });
});

describe("capacity and activities", () => {
  it("multi-tasking: each task channel has its own capacity (default 1), set through the worker's channels", () => {
    const h = createHarness();
    const { ws, available, q } = setup(h, ["Q1"]);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({ filters: [], default_filter: { queue: q.Q1!.sid } }),
    });
    const alice = h.worker(ws.sid, {
      FriendlyName: "alice",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    h.updateChannel(ws.sid, alice.sid, "chat", { Capacity: "2" });
    const chats = [1, 2, 3].map(() => h.task(ws.sid, { Attributes: "{}", TaskChannel: "chat" }));
    expect(chats.map((t) => t.assignmentStatus)).toEqual(["reserved", "reserved", "pending"]);
    const voice = [1, 2].map(() => h.task(ws.sid, { Attributes: "{}", TaskChannel: "voice" }));
    expect(voice.map((t) => t.assignmentStatus)).toEqual(["reserved", "pending"]);
    h.updateChannel(ws.sid, alice.sid, "voice", { Capacity: "2" });
    expect(voice[1]!.assignmentStatus).toBe("reserved");
    expect(h.eventTypes()).toContain("worker.capacity.update");
  });

  it("an unavailable worker channel takes no tasks of that channel", () => {
    const h = createHarness();
    const { ws, available, q } = setup(h, ["Q1"]);
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({ filters: [], default_filter: { queue: q.Q1!.sid } }),
    });
    const alice = h.worker(ws.sid, {
      FriendlyName: "alice",
      ActivitySid: available.sid,
      Attributes: JSON.stringify({ queues: ["Q1"] }),
    });
    h.updateChannel(ws.sid, alice.sid, "sms", { Available: "false" });
    const sms = h.task(ws.sid, { Attributes: "{}", TaskChannel: "sms" });
    expect(sms.assignmentStatus).toBe("pending");
    h.updateChannel(ws.sid, alice.sid, "sms", { Available: "true" });
    expect(sms.assignmentStatus).toBe("reserved");
  });

  it("single-tasking: one task at a time, Reservation/Assignment activities of the queue applied", () => {
    const h = createHarness();
    const ws = h.workspace({ MultiTaskEnabled: "false" });
    const available = h.activity(ws.sid, "Available");
    const reserved = h.createActivity(ws.sid, { FriendlyName: "Reserved" });
    const busy = h.createActivity(ws.sid, { FriendlyName: "Busy" });
    const queue = h.queue(ws.sid, {
      FriendlyName: "Q",
      ReservationActivitySid: reserved.sid,
      AssignmentActivitySid: busy.sid,
    });
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({ filters: [], default_filter: { queue: queue.sid } }),
    });
    const alice = h.worker(ws.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    const t1 = h.task(ws.sid, { Attributes: "{}", TaskChannel: "chat" });
    const t2 = h.task(ws.sid, { Attributes: "{}", TaskChannel: "voice" });
    expect([t1.assignmentStatus, t2.assignmentStatus]).toEqual(["reserved", "pending"]);
    expect(alice.activitySid).toBe(reserved.sid);
    h.updateReservation(ws.sid, t1.sid, h.pending(t1.sid)[0]!.sid, {
      ReservationStatus: "accepted",
    });
    expect(alice.activitySid).toBe(busy.sid);
  });

  it("a rejection in single-tasking puts the worker back in the activity it had", () => {
    const h = createHarness();
    const ws = h.workspace({ MultiTaskEnabled: "false" });
    const available = h.activity(ws.sid, "Available");
    const reserved = h.createActivity(ws.sid, { FriendlyName: "Reserved" });
    const queue = h.queue(ws.sid, { FriendlyName: "Q", ReservationActivitySid: reserved.sid });
    h.workflow(ws.sid, {
      FriendlyName: "wf",
      Configuration: config({ filters: [], default_filter: { queue: queue.sid } }),
    });
    const alice = h.worker(ws.sid, { FriendlyName: "alice", ActivitySid: available.sid });
    const task = h.task(ws.sid, { Attributes: "{}" });
    const offline = h.activity(ws.sid, "Offline");
    h.updateReservation(ws.sid, task.sid, h.pending(task.sid)[0]!.sid, {
      ReservationStatus: "rejected",
      WorkerActivitySid: offline.sid,
    });
    expect(alice.activitySid).toBe(offline.sid);
  });
});

describe("order between waiting tasks", () => {
  it("higher priority first, then the oldest (FIFO) or the newest (LIFO queue)", async () => {
    for (const order of ["FIFO", "LIFO"] as const) {
      const h = createHarness();
      const ws = h.workspace();
      const available = h.activity(ws.sid, "Available");
      const offline = h.activity(ws.sid, "Offline");
      const queue = h.queue(ws.sid, { FriendlyName: "Q", TaskOrder: order });
      h.workflow(ws.sid, {
        FriendlyName: "wf",
        Configuration: config({ filters: [], default_filter: { queue: queue.sid } }),
      });
      const alice = h.worker(ws.sid, { FriendlyName: "alice", ActivitySid: offline.sid });
      const old = h.task(ws.sid, { Attributes: "{}" });
      await h.advance(1000);
      const young = h.task(ws.sid, { Attributes: "{}" });
      await h.advance(1000);
      const urgent = h.task(ws.sid, { Attributes: "{}", Priority: "5" });
      h.updateWorker(ws.sid, alice.sid, { ActivitySid: available.sid });
      expect(urgent.assignmentStatus, order).toBe("reserved");
      h.updateReservation(ws.sid, urgent.sid, h.pending(urgent.sid)[0]!.sid, {
        ReservationStatus: "rejected",
      });
      // Rejected, the urgent task is offered to alice again: it still has the highest priority.
      expect(urgent.assignmentStatus, order).toBe("reserved");
      expect([old, young].find((t) => t.assignmentStatus === "reserved")).toBeUndefined();
      h.updateTask(ws.sid, urgent.sid, { AssignmentStatus: "canceled", Reason: "test" });
      const expected = order === "FIFO" ? old : young;
      expect(expected.assignmentStatus, order).toBe("reserved");
    }
  });
});

describe("task TTL", () => {
  it("cancels a task not assigned within its Timeout ('Task TTL Exceeded')", async () => {
    const h = createHarness();
    const { workspace } = h.basic();
    const task = h.task(workspace.sid, { Attributes: "{}", Timeout: "60" });
    await h.advance(59_999);
    expect(task.assignmentStatus).toBe("pending");
    await h.advance(1);
    expect(task.assignmentStatus).toBe("canceled");
    expect(task.reason).toBe("Task TTL Exceeded");
    const canceled = h.engine.state.events.find((e) => e.eventType === "task.canceled")!;
    expect(Object.fromEntries(canceled.params).TaskCanceledReason).toBe("Task TTL Exceeded");
  });

  it("does not cancel an assigned task at its TTL", async () => {
    const h = createHarness();
    const { workspace, available } = h.basic();
    h.worker(workspace.sid, { FriendlyName: "a", ActivitySid: available.sid });
    const task = h.task(workspace.sid, { Attributes: "{}", Timeout: "30" });
    h.updateReservation(workspace.sid, task.sid, h.pending(task.sid)[0]!.sid, {
      ReservationStatus: "accepted",
    });
    await h.advance(60_000);
    expect(task.assignmentStatus).toBe("assigned");
    expect(parseAttributes(task.attributes)).toEqual({});
  });
});
