/**
 * Outbound softphone calls to a number run through a TaskRouter task and a conference
 * (lib/server/calls/outbound-task-call.ts): the TwiML App webhook, the task and the customer's
 * leg, refusals and failures, a retried webhook, and settling a customer who never answered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as outbound } from "@/app/api/twilio/voice/outbound/route";
import { POST as status } from "@/app/api/twilio/voice/status/route";
import { POST as assignment } from "@/app/api/twilio/taskrouter/assignment/route";
import { POST as events } from "@/app/api/twilio/taskrouter/events/route";
import { activitySid } from "@/lib/server/agents/activity-sids";
import { listAgentToday } from "@/lib/server/calls/list-agent-today";
import { db } from "@/lib/server/db";
import { FakeTwilio } from "../support/fake-twilio";
import { createUser } from "../support/factories";
import { ensureTelephonyReference, setSetting, WORKFLOW_SID, WORKSPACE_SID } from "../support/telephony";
import { TEST_ACCOUNT_SID } from "../support/test-credentials";
import { findAll, parseTwiml, spokenText } from "../support/twiml";
import { signedRequest, sid, voiceParams } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
const API = `api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}`;
const TR = `taskrouter/v1/Workspaces/${WORKSPACE_SID}`;
const OUTBOUND = "/api/twilio/voice/outbound";

beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  // TaskRouter assigns the task at once (the assignment callback answers `accept`).
  fake.createDefaults.set("Tasks", { assignment_status: "assigned" });
});

async function agentWithWorker(worker: { available?: boolean; activitySid?: string; capacity?: number } = {}) {
  const agent = await createUser("AGENT");
  const workerSid = sid("WK");
  await db.user.update({ where: { id: agent.id }, data: { workerSid } });
  fake.seed(`${TR}/Workers`, { sid: workerSid, attributes: "{}", available: worker.available ?? true, activity_sid: worker.activitySid ?? (await activitySid("Available")) });
  fake.seed(`${TR}/Workers/${workerSid}/Channels`, { sid: "voice", available: true, available_capacity_percentage: worker.capacity ?? 50, configured_capacity: 2 });
  return { ...agent, workerSid };
}

const dialParams = (username: string, to: string) =>
  voiceParams({ From: `client:${username}`, Caller: `client:${username}`, To: to, Called: "", Direction: "inbound", ApplicationSid: "AP00000000000000000000000000000001" });

async function twiml(res: Response) {
  expect(res.status).toBe(200);
  return parseTwiml(await res.text());
}

function createdTask() {
  const requests = fake.find("POST", `/Workspaces/${WORKSPACE_SID}/Tasks`).filter((r) => r.path.endsWith("/Tasks"));
  return requests.map((r) => ({ form: r.form, attributes: JSON.parse(r.form.Attributes as string) as Record<string, unknown> }));
}

describe("an outbound call to a number", () => {
  it("creates a task for the agent, dials the customer into the task's conference and joins the agent's leg to it", async () => {
    await setSetting("recording.outbound", true);
    const agent = await agentWithWorker();
    const contact = await db.contact.create({ data: { name: "Outbound Contact", phone: "+12025550166" } });
    const params = dialParams(agent.username, "(202) 555-0166");
    const r = await twiml(await outbound(signedRequest(OUTBOUND, params)));

    const [task] = createdTask();
    expect(task!.form).toMatchObject({ WorkflowSid: WORKFLOW_SID, TaskChannel: "voice", Priority: "1000" });
    expect(task!.attributes).toMatchObject({
      type: "call", direction: "outbound", caller: "+12025550166", to: "+12025550166", from: "+12025550100",
      target_worker_sid: agent.workerSid, agent_id: agent.id, agent_call_sid: params.CallSid, contact_id: contact.id,
    });
    const taskSid = fake.find("POST", "/Participants")[0]!.path.split("/Conferences/")[1]!.split("/")[0]!;
    const participant = fake.find("POST", "/Participants")[0]!;
    expect(participant.form).toMatchObject({
      From: "+12025550100", To: "+12025550166", Label: "customer", EndConferenceOnExit: "true", StartConferenceOnEnter: "true",
      ConferenceRecord: "record-from-start", ConferenceStatusCallback: "http://localhost:3000/api/twilio/voice/conference-status",
      StatusCallback: "http://localhost:3000/api/twilio/voice/status",
    });
    expect(taskSid).toMatch(/^WT/);

    // The agent's leg joins the conference named after the task, labelled as the agent, recorded.
    const conference = findAll(r, "Conference")[0]!;
    expect(conference.text).toBe(taskSid);
    expect(conference.attrs).toMatchObject({ participantLabel: `agent:${agent.id}`, endConferenceOnExit: "false", record: "record-from-start", statusCallback: "http://localhost:3000/api/twilio/voice/conference-status" });
    expect(findAll(r, "Number")).toHaveLength(0);

    // The customer's leg is the call log's outbound call, linked to the task, the contact and the agent.
    const customerCallSid = (await db.call.findFirstOrThrow({ where: { taskSid } })).callSid;
    const update = fake.find("POST", `/Tasks/${taskSid}`).at(-1)!;
    expect(JSON.parse(update.form.Attributes as string)).toMatchObject({ call_sid: customerCallSid, direction: "outbound" });
    expect(await db.call.findUniqueOrThrow({ where: { callSid: customerCallSid } })).toMatchObject({ direction: "outbound-api", from: "+12025550100", to: "+12025550166", contactId: contact.id, agentId: agent.id });
    expect(await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid } })).toMatchObject({ agentId: agent.id, contactId: contact.id, outcome: null, parentCallSid: customerCallSid });
    // "My work" lists the call once: the customer's leg, outbound, with the contact.
    const today = await listAgentToday(agent.id, "UTC");
    expect(today.calls.filter((c) => c.customer === "+12025550166")).toEqual([expect.objectContaining({ direction: "outbound", contactName: "Outbound Contact" })]);

    // Stored as assigned to the agent at once (the controls work before TaskRouter's events arrive)…
    expect(await db.task.findUniqueOrThrow({ where: { taskSid } })).toMatchObject({ status: "assigned", agentId: agent.id, callSid: customerCallSid, type: "call" });
    // …and a late task.created event does not move it back to pending.
    const created = await events(
      signedRequest("/api/twilio/taskrouter/events", {
        AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, EventType: "task.created", Sid: sid("EV"), TaskSid: taskSid, TaskAssignmentStatus: "pending",
        TaskAttributes: task!.form.Attributes as string, TaskChannelUniqueName: "voice", TaskPriority: "1000", TaskAge: "0", TimestampMs: String(Date.now() - 2000),
      }),
    );
    expect(created.status).toBe(204);
    expect(await db.task.findUniqueOrThrow({ where: { taskSid } })).toMatchObject({ status: "assigned", agentId: agent.id, callSid: customerCallSid });
  });

  it("answers a retried webhook from its receipt: one task, one customer leg", async () => {
    const agent = await agentWithWorker();
    const params = dialParams(agent.username, "+12025550167");
    const first = await (await outbound(signedRequest(OUTBOUND, params, { idempotencyToken: "tok-a" }))).text();
    const again = await (await outbound(signedRequest(OUTBOUND, params, { idempotencyToken: "tok-b" }))).text();
    expect(again).toBe(first);
    expect(createdTask()).toHaveLength(1);
    expect(fake.find("POST", "/Participants")).toHaveLength(1);
    expect(await db.call.count({ where: { to: "+12025550167", direction: "outbound-api" } })).toBe(1);
  });

  it("lets an agent in an unavailable activity call out: Available for the task, then Busy on the call, other offers rejected", async () => {
    const breakSid = await activitySid("Break");
    const agent = await agentWithWorker({ available: false, activitySid: breakSid });
    const r = await twiml(await outbound(signedRequest(OUTBOUND, dialParams(agent.username, "+12025550168"))));
    expect(findAll(r, "Conference")).toHaveLength(1);
    const changes = fake.find("POST", `/Workers/${agent.workerSid}`).map((q) => q.form);
    expect(changes).toEqual([{ ActivitySid: await activitySid("Available") }, { ActivitySid: await activitySid("Busy"), RejectPendingReservations: "true" }]);
    // The activity changed around the task's creation.
    const order = fake.requests.map((q) => (q.path.endsWith("/Tasks") ? "task" : q.path.includes(`/Workers/${agent.workerSid}`) && q.method === "POST" ? "worker" : null)).filter(Boolean);
    expect(order).toEqual(["worker", "task", "worker"]);
  });

  it("refuses clearly when the agent has no spare voice capacity, creating no task", async () => {
    const agent = await agentWithWorker({ capacity: 0 });
    const params = dialParams(agent.username, "+12025550169");
    const r = await twiml(await outbound(signedRequest(OUTBOUND, params)));
    expect(findAll(r, "Dial")).toHaveLength(0);
    expect(spokenText(r)).toContain("cannot call out right now");
    expect(createdTask()).toHaveLength(0);
    expect(fake.find("POST", "/Participants")).toHaveLength(0);
    expect((await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid } })).outcome).toBe("failed");
  });

  it("cancels the task and dials nobody when TaskRouter does not assign it to the agent", async () => {
    fake.createDefaults.set("Tasks", { assignment_status: "canceled" });
    const agent = await agentWithWorker();
    const r = await twiml(await outbound(signedRequest(OUTBOUND, dialParams(agent.username, "+12025550170"))));
    expect(spokenText(r)).toContain("cannot call out right now");
    expect(fake.find("POST", "/Participants")).toHaveLength(0);
    const [task] = fake.find("POST", "/Tasks/WT");
    expect(task!.form).toMatchObject({ AssignmentStatus: "canceled" });
  });

  it("puts an unavailable agent back in their activity when the task is not assigned", async () => {
    fake.createDefaults.set("Tasks", { assignment_status: "canceled" });
    const breakSid = await activitySid("Break");
    const agent = await agentWithWorker({ available: false, activitySid: breakSid });
    const r = await twiml(await outbound(signedRequest(OUTBOUND, dialParams(agent.username, "+12025550171"))));
    expect(spokenText(r)).toContain("cannot call out right now");
    const changes = fake.find("POST", `/Workers/${agent.workerSid}`).map((q) => q.form);
    expect(changes).toEqual([{ ActivitySid: await activitySid("Available") }, { ActivitySid: breakSid, RejectPendingReservations: "true" }]);
  });

  it("ends the task and tells the agent when the customer cannot be dialed", async () => {
    const agent = await agentWithWorker();
    fake.failures.push({ method: "POST", pathIncludes: "/Participants", status: 400, body: { code: 21215, message: "Geo permission", more_info: "", status: 400 }, times: 1 });
    const params = dialParams(agent.username, "+12025550171");
    const r = await twiml(await outbound(signedRequest(OUTBOUND, params)));
    expect(findAll(r, "Conference")).toHaveLength(0);
    expect(spokenText(r).length).toBeGreaterThan(0);
    const ends = fake.find("POST", "/Tasks/WT").map((q) => q.form.AssignmentStatus);
    expect(ends[0]).toBe("canceled");
    expect((await db.call.findUniqueOrThrow({ where: { callSid: params.CallSid } })).outcome).toBe("failed");
  });

  it("the assignment callback accepts the agent's own outbound task", async () => {
    const agent = await agentWithWorker();
    const res = await assignment(
      signedRequest("/api/twilio/taskrouter/assignment", {
        AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, WorkflowSid: WORKFLOW_SID, TaskSid: sid("WT"), ReservationSid: sid("WR"), WorkerSid: agent.workerSid,
        TaskQueueSid: sid("WQ"), TaskAge: "0", TaskPriority: "1000",
        TaskAttributes: JSON.stringify({ type: "call", direction: "outbound", target_worker_sid: agent.workerSid, call_sid: sid("CA") }),
        WorkerAttributes: JSON.stringify({ contact_uri: `client:${agent.username}` }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ instruction: "accept" });
  });
});

describe("an outbound call that never connects", () => {
  async function placed(number: string) {
    const agent = await agentWithWorker();
    const params = dialParams(agent.username, number);
    await twiml(await outbound(signedRequest(OUTBOUND, params)));
    const customer = await db.call.findFirstOrThrow({ where: { to: number, direction: "outbound-api" } });
    const taskSid = customer.taskSid!;
    // TaskRouter's events (not part of this test) would have stored the assigned task.
    await db.task.upsert({
      where: { taskSid },
      create: { taskSid, type: "call", status: "assigned", agentId: agent.id, callSid: customer.callSid, attributes: JSON.parse(fake.find("POST", `/Tasks/${taskSid}`).at(-1)!.form.Attributes as string) },
      update: { status: "assigned", agentId: agent.id },
    });
    fake.seed(`${API}/Calls`, { sid: params.CallSid });
    fake.seed(`${API}/Calls`, { sid: customer.callSid });
    return { agent, agentCallSid: params.CallSid, customerCallSid: customer.callSid, taskSid };
  }
  const statusParams = (callSid: string, from: string, to: string, CallStatus: string, SequenceNumber: number) =>
    ({ AccountSid: TEST_ACCOUNT_SID, ApiVersion: "2010-04-01", CallSid: callSid, From: from, To: to, Direction: "outbound-api", CallStatus, SequenceNumber: String(SequenceNumber), Timestamp: new Date().toUTCString(), CallbackSource: "call-progress-events" });

  it("busy customer: the agent hears why and their leg ends, the task goes to wrap-up, the call log says missed", async () => {
    const c = await placed("+12025550172");
    for (const [s, n] of [["ringing", 1], ["busy", 2]] as const) {
      expect((await status(signedRequest("/api/twilio/voice/status", statusParams(c.customerCallSid, "+12025550100", "+12025550172", s, n)))).status).toBe(204);
    }
    const redirect = fake.find("POST", `/Calls/${c.agentCallSid}`)[0]!;
    expect(redirect.form.Twiml).toContain("The number is busy.");
    expect(redirect.form.Twiml).toContain("<Hangup/>");
    expect(fake.find("POST", `/Tasks/${c.taskSid}`).at(-1)!.form).toMatchObject({ AssignmentStatus: "wrapping" });
    expect(await db.call.findUniqueOrThrow({ where: { callSid: c.customerCallSid } })).toMatchObject({ status: "busy", outcome: "missed" });
    expect(fake.find("POST", `/Calls/${c.customerCallSid}`)).toHaveLength(0);

    // A replayed callback changes nothing more.
    const before = fake.requests.length;
    await status(signedRequest("/api/twilio/voice/status", statusParams(c.customerCallSid, "+12025550100", "+12025550172", "busy", 2)));
    expect(fake.requests.length).toBe(before);
  });

  it("the agent hangs up while the customer rings: the customer's leg is canceled and the task goes to wrap-up", async () => {
    const c = await placed("+12025550173");
    await status(signedRequest("/api/twilio/voice/status", statusParams(c.customerCallSid, "+12025550100", "+12025550173", "ringing", 1)));
    const agentEnd = { ...statusParams(c.agentCallSid, `client:${c.agent.username}`, "+12025550173", "completed", 0), Direction: "inbound" };
    delete (agentEnd as Record<string, string>).SequenceNumber;
    expect((await status(signedRequest("/api/twilio/voice/status", agentEnd))).status).toBe(204);
    expect(fake.find("POST", `/Calls/${c.customerCallSid}`)[0]!.form).toMatchObject({ Status: "completed" });
    expect(fake.find("POST", `/Calls/${c.agentCallSid}`)).toHaveLength(0);
    expect(fake.find("POST", `/Tasks/${c.taskSid}`).at(-1)!.form).toMatchObject({ AssignmentStatus: "wrapping" });
  });

  it("an answered customer is left alone when a leg ends later (transfers, hang-ups go through the conference)", async () => {
    const c = await placed("+12025550174");
    for (const [s, n] of [["ringing", 1], ["in-progress", 2]] as const) {
      await status(signedRequest("/api/twilio/voice/status", statusParams(c.customerCallSid, "+12025550100", "+12025550174", s, n)));
    }
    const agentEnd = { ...statusParams(c.agentCallSid, `client:${c.agent.username}`, "+12025550174", "completed", 0), Direction: "inbound" };
    delete (agentEnd as Record<string, string>).SequenceNumber;
    await status(signedRequest("/api/twilio/voice/status", agentEnd));
    expect(fake.find("POST", `/Calls/${c.customerCallSid}`)).toHaveLength(0);
    expect(fake.find("POST", `/Calls/${c.agentCallSid}`)).toHaveLength(0);
    expect(fake.find("POST", `/Tasks/${c.taskSid}`).filter((q) => q.form.AssignmentStatus)).toHaveLength(0);
  });
});

describe("TaskRouter events of an outbound task", () => {
  const event = (EventType: string, fields: Record<string, string>, atMs: number) =>
    events(
      signedRequest("/api/twilio/taskrouter/events", {
        AccountSid: TEST_ACCOUNT_SID, WorkspaceSid: WORKSPACE_SID, WorkspaceName: "Switchboard", EventType, Sid: sid("EV"),
        EventDescription: EventType, Timestamp: String(Math.floor(atMs / 1000)), TimestampMs: String(atMs), ...fields,
      }),
    );

  it("learn the customer's leg from a later update, and accepting does not mark the customer answered", async () => {
    const agent = await agentWithWorker();
    const taskSid = sid("WT");
    const customerCallSid = sid("CA");
    await db.call.create({ data: { callSid: customerCallSid, from: "+12025550100", to: "+12025550175", direction: "outbound-api", status: "ringing", taskSid } });
    const base = { type: "call", direction: "outbound", target_worker_sid: agent.workerSid, caller: "+12025550175" };
    const t0 = Date.now();
    const task = (attributes: object, status: string) => ({ TaskSid: taskSid, TaskAttributes: JSON.stringify(attributes), TaskAssignmentStatus: status, TaskChannelUniqueName: "voice", TaskPriority: "1000", TaskAge: "0" });
    expect((await event("task.created", task(base, "pending"), t0)).status).toBe(204);
    const reservation = { ...task(base, "assigned"), ReservationSid: sid("WR"), WorkerSid: agent.workerSid, ResourceType: "reservation" };
    expect((await event("reservation.accepted", reservation, t0 + 5)).status).toBe(204);
    // The attribute update reaches us with the same timestamp as the acceptance (not "newer"): the call SID is still taken.
    expect((await event("task.updated", task({ ...base, call_sid: customerCallSid }, "assigned"), t0 + 5)).status).toBe(204);

    expect(await db.task.findUniqueOrThrow({ where: { taskSid } })).toMatchObject({ status: "assigned", agentId: agent.id, callSid: customerCallSid });
    // A reservation event now that the task knows its customer leg: still ringing, not answered.
    expect((await event("reservation.accepted", { ...reservation, TaskAttributes: JSON.stringify({ ...base, call_sid: customerCallSid }) }, t0 + 6)).status).toBe(204);
    expect(await db.call.findUniqueOrThrow({ where: { callSid: customerCallSid } })).toMatchObject({ answeredAt: null, outcome: null });
  });
});
