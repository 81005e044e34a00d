/**
 * TaskRouter with the real voice engine: a scripted caller reaches <Enqueue workflowSid>, the
 * app answers the assignment callback with the conference instruction, the worker's phone is
 * dialed into a conference named after the TaskSid and the caller joins it; hanging up wraps
 * the task; a caller who leaves the queue cancels the task.
 */
import { afterEach, describe, expect, it } from "vitest";
import { hangup, placeCall, routeNumber, twiml } from "../testing/scenario";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";

describe("TaskRouter ↔ voice engine", () => {
  let s: TestSandbox;
  afterEach(async () => {
    await s?.close();
  });

  async function contactCenter(workerActivity: "Available" | "Offline") {
    s = await startTestSandbox();
    const workspace = await s.client.taskrouter.v1.workspaces.create({
      friendlyName: "Voice",
      eventCallbackUrl: `${s.app.url}/events`,
    });
    const tr = s.client.taskrouter.v1.workspaces(workspace.sid);
    const activities = Object.fromEntries(
      (await tr.activities.list()).map((a) => [a.friendlyName, a.sid]),
    );
    const wrapUp = await tr.activities.create({ friendlyName: "Wrap-up", available: false });
    const queue = await tr.taskQueues.create({ friendlyName: "Support", targetWorkers: "1==1" });
    const workflow = await tr.workflows.create({
      friendlyName: "Inbound",
      configuration: JSON.stringify({
        task_routing: { filters: [], default_filter: { queue: queue.sid } },
      }),
      assignmentCallbackUrl: `${s.app.url}/assignment`,
    });
    const worker = await tr.workers.create({
      friendlyName: "alice",
      activitySid: activities[workerActivity],
      attributes: JSON.stringify({ contact_uri: "+12025550177" }),
    });
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () =>
      twiml(
        `<Enqueue workflowSid="${workflow.sid}" waitUrl="/hold"><Task priority="3">{"type":"support"}</Task></Enqueue>`,
      ),
    );
    s.app.on("/hold", () => twiml(`<Say>Please hold</Say><Pause length="10"/>`));
    s.app.on("/assignment", () => ({
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({
        instruction: "conference",
        from: "+12025550100",
        post_work_activity_sid: wrapUp.sid,
        end_conference_on_customer_exit: true,
      }),
    }));
    return { tr, worker, wrapUp };
  }

  it("conference instruction: worker dialed into the TaskSid conference, caller moved in, task assigned, then wrapped on hangup", async () => {
    const { tr, worker, wrapUp } = await contactCenter("Available");
    const caller = await placeCall(s);
    const [task] = await tr.tasks.list();
    expect(task).toMatchObject({ assignmentStatus: "reserved", priority: 3 });
    expect(JSON.parse(task!.attributes)).toMatchObject({
      type: "support",
      call_sid: caller,
      to: s.credentials.phoneNumber,
    });
    await s.advance(10_000);
    const assigned = await tr.tasks(task!.sid).fetch();
    expect(assigned.assignmentStatus).toBe("assigned");
    const conferenceInfo = JSON.parse(assigned.attributes).conference as {
      sid: string;
      participants: { worker: string; customer: string };
    };
    expect(conferenceInfo.participants.customer).toBe(caller);
    const [conference] = await s.client.conferences.list({
      friendlyName: task!.sid,
      status: "in-progress",
    });
    expect(conference?.sid).toBe(conferenceInfo.sid);
    const participants = await s.client.conferences(conference!.sid).participants.list();
    expect(participants.map((p) => p.callSid).sort()).toEqual(
      [caller, conferenceInfo.participants.worker].sort(),
    );
    await hangup(s, caller);
    expect((await tr.tasks(task!.sid).fetch()).assignmentStatus).toBe("wrapping");
    expect((await tr.workers(worker.sid).fetch()).activitySid).toBe(wrapUp.sid);
    await tr.tasks(task!.sid).update({ assignmentStatus: "completed", reason: "resolved" });
    await s.settle();
    const types = s.app.to("/events").map((hook) => hook.params.EventType);
    expect(types).toEqual(
      expect.arrayContaining([
        "task.created",
        "reservation.created",
        "reservation.accepted",
        "task.wrapup",
        "task.completed",
      ]),
    );
    expect(s.app.to("/assignment")[0]?.signatureValid).toBe(true);
  });

  it("cancels the task when the caller hangs up while waiting", async () => {
    const { tr } = await contactCenter("Offline");
    const caller = await placeCall(s);
    await s.advance(5_000);
    const [task] = await tr.tasks.list();
    expect(task!.assignmentStatus).toBe("pending");
    await hangup(s, caller);
    const canceled = await tr.tasks(task!.sid).fetch();
    expect(canceled.assignmentStatus).toBe("canceled");
    expect(canceled.reason).toBeTruthy();
  });
});
