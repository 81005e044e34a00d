import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as status } from "@/app/api/twilio/voice/status/route";
import { POST as recording } from "@/app/api/twilio/voice/recording/route";
import { POST as conferenceStatus } from "@/app/api/twilio/voice/conference-status/route";
import { POST as assignment } from "@/app/api/twilio/taskrouter/assignment/route";
import { POST as events } from "@/app/api/twilio/taskrouter/events/route";
import { POST as messagingIncoming } from "@/app/api/twilio/messaging/incoming/route";
import { POST as messagingStatus } from "@/app/api/twilio/messaging/status/route";
import { POST as videoStatus } from "@/app/api/twilio/video/status/route";
import { db } from "@/lib/server/db";
import { FakeTwilio } from "../support/fake-twilio";
import { createUser } from "../support/factories";
import { ensureTelephonyReference, setSetting, WORKSPACE_SID } from "../support/telephony";
import { TEST_ACCOUNT_SID } from "../support/test-credentials";
import { sid, signedRequest, voiceParams } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe("call status callbacks", () => {
  it("keeps the status of the highest SequenceNumber and the full timeline, whatever the arrival order", async () => {
    const base = voiceParams({ Direction: "outbound-api", From: "+12025550100", To: "+12025550111" });
    const send = (CallStatus: string, SequenceNumber: number, extra: Record<string, string> = {}) =>
      status(signedRequest("/api/twilio/voice/status", { ...base, CallStatus, SequenceNumber: String(SequenceNumber), Timestamp: new Date(Date.UTC(2026, 0, 5, 10, 0, SequenceNumber)).toUTCString(), CallbackSource: "call-progress-events", ...extra }));
    expect((await send("ringing", 1)).status).toBe(204);
    expect((await send("completed", 3, { CallDuration: "42" })).status).toBe(204);
    expect((await send("in-progress", 2)).status).toBe(204);
    expect((await send("initiated", 0)).status).toBe(204);
    // Replays (same CallSid + SequenceNumber, new token) write nothing.
    expect((await send("ringing", 1)).status).toBe(204);

    const call = await db.call.findUniqueOrThrow({ where: { callSid: base.CallSid }, include: { events: { orderBy: { sequenceNumber: "asc" } } } });
    expect(call).toMatchObject({ status: "completed", statusSequence: 3, durationSeconds: 42, direction: "outbound-api", outcome: "answered" });
    expect(call.answeredAt).not.toBeNull();
    expect(call.endedAt?.toISOString()).toBe("2026-01-05T10:00:03.000Z");
    expect(call.events.map((e) => [e.type, e.sequenceNumber])).toEqual([["initiated", 0], ["ringing", 1], ["in-progress", 2], ["completed", 3]]);
  });

  it("links the agent of a client leg", async () => {
    const agent = await createUser("AGENT");
    const params = voiceParams({ To: `client:${agent.username}`, From: "+12025550100", Direction: "outbound-api", CallStatus: "ringing", SequenceNumber: "1" });
    await status(signedRequest("/api/twilio/voice/status", params));
    expect((await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid } })).agentId).toBe(agent.id);
  });

  it("answers 403 to an unsigned status callback and stores nothing", async () => {
    const params = voiceParams({ CallStatus: "completed", SequenceNumber: "0" });
    expect((await status(signedRequest("/api/twilio/voice/status", params, { signature: null }))).status).toBe(403);
    expect(await db.call.findUnique({ where: { callSid: params.CallSid } })).toBeNull();
  });
});

describe("recording callbacks", () => {
  it("stores SID, URL, duration and channels, linked to the parent call", async () => {
    const call = voiceParams({ CallStatus: "in-progress", SequenceNumber: "0" });
    await status(signedRequest("/api/twilio/voice/status", call));
    const recordingSid = sid("RE");
    const params = {
      AccountSid: TEST_ACCOUNT_SID, CallSid: call.CallSid, RecordingSid: recordingSid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}`,
      RecordingStatus: "completed", RecordingDuration: "73", RecordingChannels: "2", RecordingSource: "DialVerb", RecordingStartTime: "Mon, 05 Jan 2026 10:00:00 +0000",
    };
    expect((await recording(signedRequest("/api/twilio/voice/recording", params))).status).toBe(204);
    expect((await recording(signedRequest("/api/twilio/voice/recording", params))).status).toBe(204);
    const rows = await db.recording.findMany({ where: { recordingSid } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ durationSeconds: 73, channels: 2, source: "DialVerb", status: "completed", url: params.RecordingUrl });
    expect(rows[0]!.callId).toBe((await db.call.findUniqueOrThrow({ where: { callSid: call.CallSid } })).id);
  });

  it("links a conference recording to the customer's call, whichever participant's CallSid it names", async () => {
    const conferenceSid = sid("CF");
    const customer = voiceParams({ CallStatus: "in-progress", SequenceNumber: "0" });
    await status(signedRequest("/api/twilio/voice/status", customer));
    await db.call.update({ where: { callSid: customer.CallSid }, data: { conferenceSid, startedAt: new Date(Date.now() - 60_000) } });
    const agentLeg = voiceParams({ To: "client:alice", From: "+12025550100", Direction: "outbound-api", CallStatus: "in-progress", SequenceNumber: "0" });
    await status(signedRequest("/api/twilio/voice/status", agentLeg));
    const recordingSid = sid("RE");
    const params = {
      AccountSid: TEST_ACCOUNT_SID, CallSid: agentLeg.CallSid, ConferenceSid: conferenceSid, RecordingSid: recordingSid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}`,
      RecordingStatus: "completed", RecordingDuration: "12", RecordingChannels: "1", RecordingSource: "Conference",
    };
    expect((await recording(signedRequest("/api/twilio/voice/recording", params))).status).toBe(204);
    const row = await db.recording.findUniqueOrThrow({ where: { recordingSid } });
    expect(row).toMatchObject({ conferenceSid, source: "Conference" });
    expect(row.callId).toBe((await db.call.findUniqueOrThrow({ where: { callSid: customer.CallSid } })).id);
  });

  it("moves a conference recording that arrived before the conference's events to the customer's call", async () => {
    const customer = voiceParams({ CallStatus: "in-progress", SequenceNumber: "0" });
    await status(signedRequest("/api/twilio/voice/status", customer));
    const agentLeg = voiceParams({ To: "client:alice", From: "+12025550100", Direction: "outbound-api", CallStatus: "in-progress", SequenceNumber: "0" });
    await status(signedRequest("/api/twilio/voice/status", agentLeg));
    const taskSid = sid("WT");
    await db.task.create({ data: { taskSid, type: "call", status: "assigned", attributes: {}, callSid: customer.CallSid } });
    const conferenceSid = sid("CF");
    const recordingSid = sid("RE");
    await recording(signedRequest("/api/twilio/voice/recording", {
      AccountSid: TEST_ACCOUNT_SID, CallSid: agentLeg.CallSid, ConferenceSid: conferenceSid, RecordingSid: recordingSid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}`,
      RecordingStatus: "completed", RecordingDuration: "12", RecordingChannels: "1", RecordingSource: "Conference",
    }));
    await conferenceStatus(signedRequest("/api/twilio/voice/conference-status", {
      AccountSid: TEST_ACCOUNT_SID, ConferenceSid: conferenceSid, FriendlyName: taskSid, StatusCallbackEvent: "participant-join", SequenceNumber: "1", CallSid: customer.CallSid, Muted: "false", Hold: "false",
    }));
    const customerCall = await db.call.findUniqueOrThrow({ where: { callSid: customer.CallSid } });
    expect((await db.recording.findUniqueOrThrow({ where: { recordingSid } })).callId).toBe(customerCall.id);
  });
});

async function taskEvent(EventType: string, fields: Record<string, string>, atMs: number) {
  return events(
    signedRequest("/api/twilio/taskrouter/events", {
      AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, WorkspaceName: "Switchboard", EventType, Sid: sid("EV"),
      EventDescription: EventType, Timestamp: String(Math.floor(atMs / 1000)), TimestampMs: String(atMs), ...fields,
    }),
  );
}

describe("TaskRouter assignment callback", () => {
  it("answers a queued call with the conference instruction in snake_case", async () => {
    await setSetting("recording.inbound", true);
    const wrapup = await db.activity.findUniqueOrThrow({ where: { name: "Wrap-up" } });
    const res = await assignment(
      signedRequest("/api/twilio/taskrouter/assignment", {
        AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, WorkflowSid: sid("WW"), TaskQueueSid: sid("WQ"),
        TaskSid: sid("WT"), ReservationSid: sid("WR"), WorkerSid: sid("WK"), TaskAge: "12", TaskPriority: "10",
        TaskAttributes: JSON.stringify({ type: "call", call_sid: sid("CA"), from: "+12025550111", queue: "sales" }),
        WorkerAttributes: JSON.stringify({ contact_uri: "client:alice", skills: ["sales"] }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body).toMatchObject({
      instruction: "conference",
      from: "+12025550100",
      to: "client:alice",
      post_work_activity_sid: wrapup.sid,
      // The softphone rings as long as the reservation lasts.
      timeout: 30,
      end_conference_on_exit: false,
      end_conference_on_customer_exit: true,
      conference_record: "record-from-start",
      conference_recording_status_callback: "http://localhost:3000/api/twilio/voice/recording",
      conference_status_callback: "http://localhost:3000/api/twilio/voice/conference-status",
      conference_status_callback_event: "start,end,join,leave,mute,hold,modify",
      status_callback: "http://localhost:3000/api/twilio/voice/status",
      status_callback_event: "initiated,ringing,answered,completed",
    });
    expect(Object.keys(body).every((k) => k === k.toLowerCase())).toBe(true);
    expect(fake.requests).toHaveLength(0); // no REST inside the 5 s budget
  });

  it("gives voicemail, callback and transfer tasks no instruction (accepted from the console)", async () => {
    for (const type of ["voicemail", "callback", "transfer"]) {
      const res = await assignment(
        signedRequest("/api/twilio/taskrouter/assignment", {
          AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, TaskSid: sid("WT"), ReservationSid: sid("WR"), WorkerSid: sid("WK"),
          TaskAttributes: JSON.stringify({ type, call_sid: sid("CA") }), WorkerAttributes: "{}",
        }),
      );
      expect(await res.json()).toEqual({});
    }
  });
});

describe("TaskRouter event callbacks", () => {
  it("stores task and reservation state in order even when events arrive out of order or twice", async () => {
    const agent = await createUser("AGENT");
    const workerSid = sid("WK");
    await db.user.update({ where: { id: agent.id }, data: { workerSid } });
    const call = voiceParams();
    await status(signedRequest("/api/twilio/voice/status", { ...call, CallStatus: "in-progress", SequenceNumber: "0" }));
    await db.call.update({ where: { callSid: call.CallSid }, data: { enqueuedAt: new Date(1_767_600_000_000) } });
    const sales = await db.queue.findUniqueOrThrow({ where: { key: "sales" } });
    const taskSid = sid("WT");
    const reservationSid = sid("WR");
    const t0 = 1_767_600_010_000;
    const task = (status: string) => ({
      TaskSid: taskSid, TaskAssignmentStatus: status, TaskQueueSid: sales.taskQueueSid!, TaskPriority: "10", TaskAge: "5",
      TaskAttributes: JSON.stringify({ type: "call", call_sid: call.CallSid, queue: "sales" }),
    });
    const res = { ...task("reserved"), ReservationSid: reservationSid, WorkerSid: workerSid, WorkerName: agent.username };

    // Accepted arrives before created; task.created after reservation events; one replayed.
    expect((await taskEvent("reservation.accepted", { ...res, TaskAssignmentStatus: "assigned" }, t0 + 3000)).status).toBe(204);
    await taskEvent("task.created", task("pending"), t0);
    await taskEvent("reservation.created", res, t0 + 1000);
    await taskEvent("task.updated", task("reserved"), t0 + 1000);
    await taskEvent("reservation.accepted", { ...res, TaskAssignmentStatus: "assigned" }, t0 + 3000);

    const stored = await db.task.findUniqueOrThrow({ where: { taskSid }, include: { reservations: true } });
    expect(stored).toMatchObject({ status: "assigned", type: "call", queueId: sales.id, agentId: agent.id, callSid: call.CallSid });
    expect(stored.assignedAt?.getTime()).toBe(t0 + 3000);
    expect(stored.createdAt.getTime()).toBe(t0);
    expect(stored.reservations).toHaveLength(1);
    expect(stored.reservations[0]).toMatchObject({ status: "accepted", userId: agent.id, workerSid });
    expect(stored.reservations[0]!.createdAt.getTime()).toBe(t0 + 1000);
    const answered = await db.call.findUniqueOrThrow({ where: { callSid: call.CallSid } });
    expect(answered).toMatchObject({ agentId: agent.id, outcome: "answered", taskSid, queueSeconds: 13 });

    // Wrap-up sets the server-side deadline; a late task.updated(assigned) cannot move it back.
    await setSetting("wrapup.timeoutSeconds", 45);
    await taskEvent("task.wrapup", task("wrapping"), t0 + 60_000);
    await taskEvent("task.updated", task("assigned"), t0 + 3000);
    const wrapping = await db.task.findUniqueOrThrow({ where: { taskSid } });
    expect(wrapping.status).toBe("wrapping");
    expect(wrapping.wrapupDeadlineAt?.getTime()).toBe(t0 + 105_000);
    await taskEvent("task.completed", { ...task("completed"), TaskCompletedReason: "done" }, t0 + 70_000);
    await taskEvent("task.wrapup", task("wrapping"), t0 + 80_000);
    expect(await db.task.findUniqueOrThrow({ where: { taskSid } })).toMatchObject({ status: "completed", reason: "done" });
  });

  it("marks a queued call abandoned when its task is canceled before anyone answered", async () => {
    const call = voiceParams();
    await status(signedRequest("/api/twilio/voice/status", { ...call, CallStatus: "in-progress", SequenceNumber: "0" }));
    const taskSid = sid("WT");
    await taskEvent("task.canceled", { TaskSid: taskSid, TaskAssignmentStatus: "canceled", TaskCanceledReason: "hangup", TaskAttributes: JSON.stringify({ type: "call", call_sid: call.CallSid }) }, Date.now());
    expect((await db.call.findUniqueOrThrow({ where: { callSid: call.CallSid } })).outcome).toBe("abandoned");
  });

  it("keeps worker activity intervals contiguous when events arrive out of order, and ignores replays", async () => {
    const agent = await createUser("AGENT");
    const workerSid = sid("WK");
    await db.user.update({ where: { id: agent.id }, data: { workerSid } });
    const t0 = 1_767_700_000_000;
    const activity = (name: string, at: number) => taskEvent("worker.activity.update", { WorkerSid: workerSid, WorkerName: agent.username, WorkerActivityName: name, WorkerActivitySid: sid("WA"), ResourceType: "Worker", ResourceSid: workerSid }, at);
    await activity("Available", t0);
    await activity("Break", t0 + 300_000);
    await activity("Busy", t0 + 100_000);
    const intervals = await db.workerActivityInterval.findMany({ where: { workerSid }, orderBy: { startedAt: "asc" } });
    expect(intervals.map((i) => [i.activityName, i.durationMs, i.endedAt === null])).toEqual([
      ["Available", 100_000, false],
      ["Busy", 200_000, false],
      ["Break", null, true],
    ]);
    expect(intervals.every((i) => i.userId === agent.id)).toBe(true);
  });

  it("rejects unsigned events without writing", async () => {
    const taskSid = sid("WT");
    const res = await events(signedRequest("/api/twilio/taskrouter/events", { AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, EventType: "task.created", TaskSid: taskSid }, { signature: "AAAA" }));
    expect(res.status).toBe(403);
    expect(await db.task.findUnique({ where: { taskSid } })).toBeNull();
  });
});

describe("conference status callbacks", () => {
  it("tracks participants and their hold state, and wraps up the task when the conference ends", async () => {
    const agent = await createUser("AGENT");
    const customer = voiceParams();
    await status(signedRequest("/api/twilio/voice/status", { ...customer, CallStatus: "in-progress", SequenceNumber: "0" }));
    const agentLeg = voiceParams({ To: `client:${agent.username}`, From: "+12025550100", Direction: "outbound-api" });
    await status(signedRequest("/api/twilio/voice/status", { ...agentLeg, CallStatus: "in-progress", SequenceNumber: "0" }));
    const taskSid = sid("WT");
    await db.task.create({ data: { taskSid, type: "call", status: "assigned", attributes: {}, callSid: customer.CallSid, agentId: agent.id } });
    const conferenceSid = sid("CF");
    const conf = (StatusCallbackEvent: string, SequenceNumber: number, extra: Record<string, string> = {}) =>
      conferenceStatus(signedRequest("/api/twilio/voice/conference-status", { AccountSid: TEST_ACCOUNT_SID, ConferenceSid: conferenceSid, FriendlyName: taskSid, StatusCallbackEvent, SequenceNumber: String(SequenceNumber), Timestamp: new Date().toUTCString(), ...extra }));

    await conf("participant-join", 1, { CallSid: customer.CallSid, Muted: "false", Hold: "false" });
    await conf("participant-join", 2, { CallSid: agentLeg.CallSid, Muted: "false", Hold: "false" });
    await conf("participant-hold", 4, { CallSid: customer.CallSid, Hold: "true" });
    await conf("participant-unhold", 3, { CallSid: customer.CallSid, Hold: "false" }); // late: ignored
    const participants = await db.conferenceParticipant.findMany({ where: { conferenceSid }, orderBy: { joinedAt: "asc" } });
    expect(participants.map((p) => [p.role, p.userId, p.hold])).toEqual(expect.arrayContaining([["customer", null, true], ["agent", agent.id, false]]));
    expect((await db.task.findUniqueOrThrow({ where: { taskSid } })).conferenceSid).toBe(conferenceSid);

    await conf("conference-end", 9, { ReasonConferenceEnded: "participant-with-end-conference-on-exit-left" });
    const wrap = fake.find("POST", `/Tasks/${taskSid}`);
    expect(wrap).toHaveLength(1);
    expect(wrap[0]!.form).toMatchObject({ AssignmentStatus: "wrapping" });
    expect(await db.conferenceParticipant.count({ where: { conferenceSid, status: "joined" } })).toBe(0);
  });
});

describe("messaging and video callbacks", () => {
  it("threads inbound SMS, records STOP, and answers an empty TwiML", async () => {
    const messageSid = sid("SM");
    const params = { AccountSid: TEST_ACCOUNT_SID, MessageSid: messageSid, SmsSid: messageSid, From: "+12025550155", To: "+12025550100", Body: "STOP", NumMedia: "0", SmsStatus: "received", ApiVersion: "2010-04-01" };
    const res = await messagingIncoming(signedRequest("/api/twilio/messaging/incoming", params));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<Response/>");
    await messagingIncoming(signedRequest("/api/twilio/messaging/incoming", params));
    expect(await db.message.count({ where: { messageSid } })).toBe(1);
    expect(await db.optOut.findUnique({ where: { address_channel: { address: "+12025550155", channel: "SMS" } } })).toMatchObject({ keyword: "STOP", optedInAt: null });
  });

  it("moves outbound message status forward only", async () => {
    const conversation = await db.conversation.create({ data: { channel: "SMS", customerAddress: `+1202555${Math.floor(1000 + Math.random() * 8999)}`, businessAddress: "+12025550100" } });
    const messageSid = sid("SM");
    await db.message.create({ data: { messageSid, conversationId: conversation.id, direction: "outbound", from: "+12025550100", to: conversation.customerAddress, body: "hi", status: "queued" } });
    const send = (MessageStatus: string) => messagingStatus(signedRequest("/api/twilio/messaging/status", { AccountSid: TEST_ACCOUNT_SID, MessageSid: messageSid, MessageStatus }));
    await send("delivered");
    await send("sent");
    expect((await db.message.findUniqueOrThrow({ where: { messageSid } })).status).toBe("delivered");
  });

  it("stores video rooms and participants idempotently", async () => {
    const roomSid = sid("RM");
    const participantSid = sid("PA");
    const ev = (StatusCallbackEvent: string, SequenceNumber: number, extra: Record<string, string> = {}) =>
      videoStatus(signedRequest("/api/twilio/video/status", { AccountSid: TEST_ACCOUNT_SID, RoomSid: roomSid, RoomName: "insp-unknown1", RoomStatus: "in-progress", RoomType: "group", StatusCallbackEvent, SequenceNumber: String(SequenceNumber), Timestamp: new Date().toISOString(), ...extra }));
    await ev("room-created", 0);
    await ev("participant-connected", 1, { ParticipantSid: participantSid, ParticipantIdentity: "sam" });
    await ev("participant-connected", 1, { ParticipantSid: participantSid, ParticipantIdentity: "sam" });
    await ev("participant-disconnected", 2, { ParticipantSid: participantSid, ParticipantIdentity: "sam", ParticipantDuration: "60" });
    await ev("room-ended", 3, { RoomDuration: "90", RoomStatus: "completed" });
    const room = await db.videoRoom.findUniqueOrThrow({ where: { roomSid }, include: { participants: true } });
    expect(room).toMatchObject({ status: "completed", durationSeconds: 90 });
    expect(room.participants).toHaveLength(1);
    expect(room.participants[0]).toMatchObject({ status: "disconnected", durationSeconds: 60 });
  });
});
