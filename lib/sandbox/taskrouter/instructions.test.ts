import { describe, expect, it } from "vitest";
import { parseAttributes } from "./model";
import { createHarness } from "./testing/engine-harness";

const CALLBACK = "https://app.example.com/api/twilio/taskrouter/assignment";
const json = (value: unknown) => ({
  status: 200,
  contentType: "application/json",
  body: JSON.stringify(value),
});

function withCallback(options: { withVoice?: boolean } = {}) {
  const h = createHarness(options);
  const base = h.basic({ workflow: { AssignmentCallbackUrl: CALLBACK } });
  const alice = h.worker(base.workspace.sid, {
    FriendlyName: "alice",
    ActivitySid: base.available.sid,
    Attributes: JSON.stringify({ contact_uri: "client:alice" }),
  });
  const wrapUp = h.createActivity(base.workspace.sid, { FriendlyName: "Wrap-up" });
  return { h, ...base, alice, wrapUp };
}

const voiceTask = { call_sid: "CAcaller", from: "+15550001111", to: "+12025550100" };

describe("assignment callback", () => {
  it("is POSTed with Twilio's parameters before reservation.created", async () => {
    const { h, workspace, workflow, queue, alice } = withCallback();
    const task = h.task(workspace.sid, {
      Attributes: JSON.stringify({ type: "support" }),
      Priority: "4",
    });
    expect(h.eventTypes()).not.toContain("reservation.created");
    await h.settle();
    const callback = h.sent.find((r) => r.kind === "taskrouter-assignment")!;
    const reservation = h.reservations(task.sid)[0]!;
    expect(callback).toMatchObject({ url: CALLBACK, method: "POST", resourceSid: reservation.sid });
    expect(callback.params).toMatchObject({
      AccountSid: h.ctx.account.accountSid,
      WorkspaceSid: workspace.sid,
      WorkflowSid: workflow.sid,
      TaskQueueSid: queue.sid,
      WorkerSid: alice.sid,
      WorkerAttributes: JSON.stringify({ contact_uri: "client:alice" }),
      TaskSid: task.sid,
      TaskAttributes: JSON.stringify({ type: "support" }),
      TaskAge: "0",
      TaskPriority: "4",
      ReservationSid: reservation.sid,
      Timestamp: String(Math.floor(h.clock.now() / 1000)),
    });
    expect(h.eventTypes()).toContain("reservation.created");
    expect(reservation.status).toBe("pending");
  });

  it("carries out accept and reject(activity_sid) instructions", async () => {
    const { h, workspace, alice } = withCallback();
    h.reply(CALLBACK, () => json({ instruction: "accept" }));
    const accepted = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    expect(accepted.assignmentStatus).toBe("assigned");
    expect(h.eventTypes().slice(-2)).toEqual(["reservation.created", "reservation.accepted"]);
    h.updateTask(workspace.sid, accepted.sid, { AssignmentStatus: "completed", Reason: "done" });

    const unavailable = h.activity(workspace.sid, "Unavailable");
    h.reply(CALLBACK, () => json({ instruction: "reject", activity_sid: unavailable.sid }));
    const rejected = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    expect(h.reservations(rejected.sid)[0]?.status).toBe("rejected");
    expect(alice.activitySid).toBe(unavailable.sid);
    expect(rejected.assignmentStatus).toBe("pending");
  });

  it("an empty 200 leaves the reservation pending; an unparsable answer is reported as 40001", async () => {
    const { h, workspace } = withCallback();
    h.reply(CALLBACK, () => ({ status: 200, body: "" }));
    const quiet = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    expect(h.reservations(quiet.sid)[0]?.status).toBe("pending");
    h.updateTask(workspace.sid, quiet.sid, { AssignmentStatus: "canceled", Reason: "x" });
    h.reply(CALLBACK, () => ({ status: 200, contentType: "application/json", body: "{not json" }));
    const broken = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    expect(h.reservations(broken.sid)[0]?.status).toBe("pending");
    expect(h.debuggerEntries.map((e) => e.code)).toContain(40001);
  });

  it("an unknown instruction is reported (55555) and nothing happens", async () => {
    const { h, workspace } = withCallback();
    h.reply(CALLBACK, () => json({ instruction: "teleport" }));
    const task = h.task(workspace.sid, { Attributes: "{}" });
    await h.settle();
    expect(h.reservations(task.sid)[0]?.status).toBe("pending");
    expect(h.debuggerEntries.find((e) => e.code === 55555)?.message).toMatch(
      /Unknown instruction "teleport"/,
    );
  });
});

describe("conference instruction", () => {
  it("dials the worker into a conference named after the TaskSid, moves the caller in, then accepts", async () => {
    const { h, workspace, wrapUp } = withCallback();
    h.reply(CALLBACK, () =>
      json({
        instruction: "conference",
        from: "+12025550100",
        post_work_activity_sid: wrapUp.sid,
        end_conference_on_exit: true,
        end_conference_on_customer_exit: true,
        conference_record: "record-from-start",
        conference_status_callback: "https://app.example.com/conf",
        conference_status_callback_event: "start,end,join,leave",
        timeout: 20,
      }),
    );
    const task = h.task(workspace.sid, {
      Attributes: JSON.stringify(voiceTask),
      TaskChannel: "voice",
    });
    await h.settle();
    expect(h.voiceCalls.map((c) => c.kind)).toEqual([
      "addConferenceParticipant",
      "moveCallToConference",
    ]);
    const [dial, move] = h.voiceCalls as [
      Extract<(typeof h.voiceCalls)[number], { kind: "addConferenceParticipant" }>,
      Extract<(typeof h.voiceCalls)[number], { kind: "moveCallToConference" }>,
    ];
    expect(dial.conferenceName).toBe(task.sid);
    expect(dial.options).toMatchObject({
      from: "+12025550100",
      to: "client:alice",
      timeoutSeconds: 20,
      endConferenceOnExit: true,
      startConferenceOnEnter: true,
      conferenceRecord: "record-from-start",
      conferenceStatusCallback: "https://app.example.com/conf",
      conferenceStatusCallbackEvent: ["start", "end", "join", "leave"],
    });
    expect(move).toMatchObject({
      callSid: "CAcaller",
      conferenceName: task.sid,
      options: { endConferenceOnExit: true },
    });
    expect(task.assignmentStatus).toBe("assigned");
    const attributes = parseAttributes(task.attributes) as {
      conference?: { participants: Record<string, string> };
    };
    expect(attributes.conference?.participants).toMatchObject({ customer: "CAcaller" });
    const worker = h.engine.worker(workspace.sid, h.reservations(task.sid)[0]!.workerSid);
    h.module.api.onCallEnded?.("CAcaller");
    expect(task.assignmentStatus).toBe("wrapping");
    expect(worker.activitySid).toBe(wrapUp.sid);
  });

  it("does not accept when the caller cannot be moved: the worker leg is hung up and the reservation stays pending", async () => {
    const { h, workspace } = withCallback();
    h.voiceFailures.add("moveCallToConference");
    h.reply(CALLBACK, () => json({ instruction: "conference" }));
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    await h.settle();
    expect(h.reservations(task.sid)[0]?.status).toBe("pending");
    expect(h.voiceCalls.at(-1)).toMatchObject({
      kind: "updateCall",
      update: { status: "completed" },
    });
    expect(h.debuggerEntries.some((e) => /moveCallToConference failed/.test(e.message))).toBe(true);
    await h.advance(120_000);
    expect(h.reservations(task.sid)[0]?.status).toBe("timeout");
  });

  it("keeps the caller queued until the worker answers, then accepts", async () => {
    const { h, workspace } = withCallback();
    h.callOutcome.status = "ringing";
    h.reply(CALLBACK, () => json({ instruction: "conference" }));
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    await h.settle();
    expect(h.voiceCalls.map((c) => c.kind)).toEqual(["addConferenceParticipant"]);
    expect(h.reservations(task.sid)[0]?.status).toBe("pending");
    const workerLeg = [...h.calls.values()].at(-1)!;
    h.ctx.emit("call.updated", { sid: workerLeg.sid, status: "in-progress" });
    await h.settle();
    expect(h.voiceCalls.map((c) => c.kind)).toEqual([
      "addConferenceParticipant",
      "moveCallToConference",
    ]);
    expect(h.reservations(task.sid)[0]?.status).toBe("accepted");
  });

  it("leaves the reservation pending and the caller queued when the worker does not answer", async () => {
    const { h, workspace } = withCallback();
    h.callOutcome.status = "no-answer";
    h.reply(CALLBACK, () => json({ instruction: "conference" }));
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    await h.settle();
    expect(h.voiceCalls.map((c) => c.kind)).not.toContain("moveCallToConference");
    expect(h.reservations(task.sid)[0]?.status).toBe("pending");
    expect(
      h.debuggerEntries.some((e) => /ended \(no-answer\) without answering/.test(e.message)),
    ).toBe(true);
  });

  it("stops waiting for the worker when the reservation times out, and hangs up the ringing leg", async () => {
    const { h, workspace } = withCallback();
    h.callOutcome.status = "ringing";
    h.reply(CALLBACK, () => json({ instruction: "conference" }));
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    await h.advance(120_000);
    expect(h.reservations(task.sid)[0]?.status).toBe("timeout");
    expect(h.voiceCalls.at(-1)).toMatchObject({
      kind: "updateCall",
      update: { status: "completed" },
    });
    expect(h.voiceCalls.map((c) => c.kind)).not.toContain("moveCallToConference");
  });

  it("hangs up the worker's leg when the reservation was rejected while the leg was being placed", async () => {
    const { h, workspace } = withCallback();
    h.callOutcome.status = "ringing";
    h.reply(CALLBACK, () => json({ instruction: "conference" }));
    const voice = h.ctx.voice!;
    const place = voice.addConferenceParticipant.bind(voice);
    voice.addConferenceParticipant = async (conferenceName, participant) => {
      const leg = await place(conferenceName, participant);
      // The agent rejects from the console before the leg's answer is awaited (conference = TaskSid).
      const reservation = h.reservations(conferenceName)[0]!;
      h.updateReservation(workspace.sid, conferenceName, reservation.sid, { ReservationStatus: "rejected" });
      return leg;
    };
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    await h.settle();
    expect(h.reservations(task.sid)[0]?.status).toBe("rejected");
    const workerLeg = [...h.calls.values()].find((c) => c.to === "client:alice")!;
    expect(h.voiceCalls.at(-1)).toMatchObject({ kind: "updateCall", callSid: workerLeg.sid, update: { status: "completed" } });
    expect(h.voiceCalls.map((c) => c.kind)).not.toContain("moveCallToConference");
  });

  it("needs a call_sid on the task and a contact for the worker", async () => {
    const { h, workspace, alice } = withCallback();
    h.updateWorker(workspace.sid, alice.sid, { Attributes: "{}" });
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    const reservation = h.reservations(task.sid)[0]!;
    expect(() =>
      h.updateReservation(workspace.sid, task.sid, reservation.sid, { Instruction: "conference" }),
    ).toThrow(/needs "to" or a contact_uri/);
    const plain = h.task(workspace.sid, { Attributes: "{}" });
    expect(plain.assignmentStatus).toBe("pending");
  });
});

describe("dequeue, call and redirect instructions over REST", () => {
  it("Instruction=dequeue bridges the worker with the queued caller, records worker_call_sid, applies the post-work activity", async () => {
    const { h, workspace, wrapUp } = withCallback();
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    const reservation = h.reservations(task.sid)[0]!;
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      Instruction: "dequeue",
      DequeueFrom: "+12025550100",
      DequeuePostWorkActivitySid: wrapUp.sid,
      DequeueTimeout: "30",
      DequeueRecord: "record-from-answer",
      DequeueStatusCallbackUrl: "https://app.example.com/agent-leg",
      DequeueStatusCallbackEvent: ["answered", "completed"],
    });
    await h.settle();
    expect(h.voiceCalls).toEqual([
      {
        kind: "dequeueCall",
        callSid: "CAcaller",
        options: {
          to: "client:alice",
          from: "+12025550100",
          timeoutSeconds: 30,
          record: true,
          statusCallback: "https://app.example.com/agent-leg",
          statusCallbackEvents: ["answered", "completed"],
        },
      },
    ]);
    expect(reservation.status).toBe("accepted");
    expect(parseAttributes(task.attributes).worker_call_sid).toMatch(/^CA/);
    h.updateTask(workspace.sid, task.sid, { AssignmentStatus: "completed", Reason: "done" });
    expect(h.engine.worker(workspace.sid, reservation.workerSid).activitySid).toBe(wrapUp.sid);
  });

  it("dequeue is not accepted when the worker does not answer", async () => {
    const { h, workspace } = withCallback();
    h.callOutcome.status = "busy";
    h.reply(CALLBACK, () => json({ instruction: "dequeue", from: "+12025550100" }));
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    await h.settle();
    expect(h.voiceCalls.map((c) => c.kind)).toEqual(["dequeueCall", "updateCall"]);
    expect(h.reservations(task.sid)[0]?.status).toBe("pending");
  });

  it("Instruction=call places a call to the worker with the TwiML url and accepts when CallAccept=true", async () => {
    const { h, workspace } = withCallback();
    const task = h.task(workspace.sid, { Attributes: "{}" });
    const reservation = h.reservations(task.sid)[0]!;
    expect(() =>
      h.updateReservation(workspace.sid, task.sid, reservation.sid, {
        Instruction: "call",
        CallFrom: "+12025550100",
      }),
    ).toThrow(/needs "url"/);
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      Instruction: "call",
      CallFrom: "+12025550100",
      CallUrl: "https://app.example.com/twiml/agent",
      CallAccept: "true",
      CallStatusCallbackUrl: "https://app.example.com/status",
    });
    await h.settle();
    expect(h.voiceCalls).toEqual([
      {
        kind: "createCall",
        options: expect.objectContaining({
          to: "client:alice",
          from: "+12025550100",
          url: "https://app.example.com/twiml/agent",
          timeoutSeconds: 60,
          statusCallback: "https://app.example.com/status",
        }),
      },
    ]);
    expect(reservation.status).toBe("accepted");
    expect(parseAttributes(task.attributes).worker_call_sid).toMatch(/^CA/);
  });

  it("Instruction=redirect redirects the call and accepts only with RedirectAccept=true", async () => {
    const { h, workspace } = withCallback();
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    const reservation = h.reservations(task.sid)[0]!;
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      Instruction: "redirect",
      RedirectCallSid: "CAcaller",
      RedirectUrl: "https://app.example.com/hold",
    });
    await h.settle();
    expect(h.voiceCalls).toEqual([
      {
        kind: "updateCall",
        callSid: "CAcaller",
        update: { url: "https://app.example.com/hold", method: "POST" },
      },
    ]);
    expect(reservation.status).toBe("pending");
    h.updateReservation(workspace.sid, task.sid, reservation.sid, {
      Instruction: "redirect",
      RedirectCallSid: "CAcaller",
      RedirectUrl: "https://app.example.com/x",
      RedirectAccept: "true",
    });
    await h.settle();
    expect(reservation.status).toBe("accepted");
  });

  it("voice instructions without the voice engine are refused with a clear message", () => {
    const { h, workspace } = withCallback({ withVoice: false });
    const task = h.task(workspace.sid, { Attributes: JSON.stringify(voiceTask) });
    const reservation = h.reservations(task.sid)[0]!;
    expect(() =>
      h.updateReservation(workspace.sid, task.sid, reservation.sid, { Instruction: "conference" }),
    ).toThrow(/needs the sandbox voice engine/);
    expect(reservation.status).toBe("pending");
  });
});
