import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as hold } from "@/app/api/tasks/[taskSid]/hold/route";
import { POST as mute } from "@/app/api/tasks/[taskSid]/mute/route";
import { POST as transfer } from "@/app/api/tasks/[taskSid]/transfer/route";
import { POST as finishTransfer } from "@/app/api/tasks/[taskSid]/transfer/finish/route";
import { POST as participants } from "@/app/api/tasks/[taskSid]/participants/route";
import { POST as hangup } from "@/app/api/tasks/[taskSid]/hangup/route";
import { POST as supervise } from "@/app/api/tasks/[taskSid]/supervise/route";
import { POST as complete } from "@/app/api/tasks/[taskSid]/complete/route";
import { POST as accept } from "@/app/api/reservations/[reservationSid]/accept/route";
import { POST as reject } from "@/app/api/reservations/[reservationSid]/reject/route";
import { db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { sweepWrapupTimeouts } from "@/lib/server/tasks/sweep-wrapup-timeouts";
import { FakeTwilio } from "../support/fake-twilio";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { ensureTelephonyReference, WORKSPACE_SID } from "../support/telephony";
import { TEST_ACCOUNT_SID } from "../support/test-credentials";
import { sid } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
const API = `api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}`;
const TR = `taskrouter/v1/Workspaces/${WORKSPACE_SID}`;

beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

type User = Awaited<ReturnType<typeof createUser>>;

/** A live call: customer and agent in the task's conference, mirrored in the fake Twilio. */
async function liveCall(options: { status?: string; type?: string } = {}) {
  const agent = await createUser("AGENT");
  const workerSid = sid("WK");
  await db.user.update({ where: { id: agent.id }, data: { workerSid } });
  const taskSid = sid("WT");
  const conferenceSid = sid("CF");
  const customerCallSid = sid("CA");
  const agentCallSid = sid("CA");
  const attributes = { type: options.type ?? "call", call_sid: customerCallSid, queue: "support" };
  const task = await db.task.create({
    data: { taskSid, type: options.type ?? "call", status: options.status ?? "assigned", attributes, callSid: customerCallSid, agentId: agent.id, conferenceSid },
  });
  await db.conferenceParticipant.createMany({
    data: [
      { conferenceSid, friendlyName: taskSid, callSid: customerCallSid, role: "customer", status: "joined", joinedAt: new Date() },
      { conferenceSid, friendlyName: taskSid, callSid: agentCallSid, role: "agent", userId: agent.id, status: "joined", joinedAt: new Date() },
    ],
  });
  fake.seed(`${API}/Conferences/${conferenceSid}/Participants`, { sid: customerCallSid, call_sid: customerCallSid });
  fake.seed(`${API}/Conferences/${conferenceSid}/Participants`, { sid: agentCallSid, call_sid: agentCallSid });
  fake.seed(`${API}/Calls`, { sid: customerCallSid });
  fake.seed(`${TR}/Tasks`, { sid: taskSid, attributes: JSON.stringify(attributes), assignment_status: "assigned" });
  fake.seed(`${TR}/Workers`, { sid: workerSid, attributes: "{}" });
  return { agent, workerSid, task, taskSid, conferenceSid, customerCallSid, agentCallSid, cookie: await sessionCookie(agent) };
}

type Handler = (req: Request, ctx: never) => Promise<Response>;
async function call(handler: Handler, path: string, cookie: string | null, params: Record<string, string>, body: object = {}) {
  const req = cookie
    ? authedRequest(path, cookie, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })
    : new Request(`http://localhost:3000${path}`, { method: "POST", body: JSON.stringify(body) });
  return handler(req, { params: Promise.resolve(params) } as never);
}

const taskRoutes: [string, Handler, (c: Awaited<ReturnType<typeof liveCall>>) => object][] = [
  ["hold", hold as Handler, () => ({ hold: true })],
  ["mute", mute as Handler, () => ({ muted: true })],
  ["transfer", transfer as Handler, () => ({ mode: "cold", target: { type: "queue", queueKey: "sales" } })],
  ["transfer/finish", finishTransfer as Handler, () => ({ outcome: "return" })],
  ["participants", participants as Handler, () => ({ to: "+12025550123" })],
  ["hangup", hangup as Handler, (c) => ({ callSid: c.customerCallSid })],
  ["supervise", supervise as Handler, () => ({ mode: "monitor" })],
  ["complete", complete as Handler, () => ({ disposition: "resolved" })],
];

describe("call-control authorisation", () => {
  it("answers 401 to signed-out requests on every route", async () => {
    const c = await liveCall();
    for (const [name, handler, body] of taskRoutes) {
      expect((await call(handler, `/api/tasks/${c.taskSid}/${name}`, null, { taskSid: c.taskSid }, body(c))).status, name).toBe(401);
    }
    for (const handler of [accept, reject] as Handler[]) {
      expect((await call(handler, "/api/reservations/x", null, { reservationSid: sid("WR") })).status).toBe(401);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("answers 403 to an agent acting on someone else's task, and writes nothing to Twilio", async () => {
    const c = await liveCall();
    const other = await createUser("AGENT");
    const cookie = await sessionCookie(other);
    for (const [name, handler, body] of taskRoutes) {
      expect((await call(handler, `/api/tasks/${c.taskSid}/${name}`, cookie, { taskSid: c.taskSid }, body(c))).status, name).toBe(403);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("lets only supervisors and admins supervise", async () => {
    const c = await liveCall();
    expect((await call(supervise as Handler, "/s", c.cookie, { taskSid: c.taskSid }, { mode: "monitor" })).status).toBe(403);
    for (const role of ["SUPERVISOR", "ADMIN"] as const) {
      const sup = await createUser(role);
      expect((await call(supervise as Handler, "/s", await sessionCookie(sup), { taskSid: c.taskSid }, { mode: "monitor" })).status).toBe(200);
    }
  });

  it("lets a supervisor use the agent controls on any task", async () => {
    const c = await liveCall();
    const sup = await createUser("SUPERVISOR");
    expect((await call(hold as Handler, "/h", await sessionCookie(sup), { taskSid: c.taskSid }, { hold: true })).status).toBe(200);
  });

  it("validates SIDs and bodies with readable 400s", async () => {
    const c = await liveCall();
    const bad = await call(hold as Handler, "/h", c.cookie, { taskSid: "WT123" }, { hold: true });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe("That is not a valid task.");
    expect((await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: "yes" })).status).toBe(400);
    expect((await call(transfer as Handler, "/t", c.cookie, { taskSid: c.taskSid }, { mode: "lukewarm", target: { type: "queue", queueKey: "sales" } })).status).toBe(400);
    const badNumber = await call(participants as Handler, "/p", c.cookie, { taskSid: c.taskSid }, { to: "1234" });
    expect(badNumber.status).toBe(400);
    expect((await badNumber.json()).error.message).toMatch(/valid phone number/);
    expect((await call(complete as Handler, "/c", c.cookie, { taskSid: c.taskSid }, { disposition: "made_up" })).status).toBe(400);
    expect((await call(hangup as Handler, "/x", c.cookie, { taskSid: c.taskSid }, { callSid: sid("CA") })).status).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses actions that need a live call on a completed task", async () => {
    const c = await liveCall({ status: "completed" });
    expect((await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: true })).status).toBe(409);
  });
});

describe("call-control REST calls", () => {
  it("holds and resumes the customer through the Participants API with hold music", async () => {
    const c = await liveCall();
    expect((await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: true })).status).toBe(200);
    const [req] = fake.find("POST", `/Conferences/${c.conferenceSid}/Participants/${c.customerCallSid}.json`);
    expect(req!.form).toEqual({ Hold: "true", HoldUrl: "http://localhost:3000/api/twilio/voice/hold-music", HoldMethod: "GET" });
    await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: false });
    expect(fake.find("POST", `/Participants/${c.customerCallSid}.json`)[1]!.form).toEqual({ Hold: "false" });
    expect(await db.auditLog.count({ where: { targetId: c.taskSid, action: { in: ["call.hold", "call.unhold"] }, actorId: c.agent.id } })).toBe(2);
  });

  it("mutes the agent's own leg", async () => {
    const c = await liveCall();
    await call(mute as Handler, "/m", c.cookie, { taskSid: c.taskSid }, { muted: true });
    expect(fake.find("POST", `/Participants/${c.agentCallSid}.json`)[0]!.form).toEqual({ Muted: "true" });
  });

  it("adds an external party from the business number", async () => {
    const c = await liveCall();
    const res = await call(participants as Handler, "/p", c.cookie, { taskSid: c.taskSid }, { to: "(202) 555-0123" });
    expect(res.status).toBe(200);
    const [req] = fake.find("POST", `/Conferences/${c.conferenceSid}/Participants.json`);
    expect(req!.form).toMatchObject({ From: "+12025550100", To: "+12025550123", EarlyMedia: "true", EndConferenceOnExit: "false", StatusCallback: "http://localhost:3000/api/twilio/voice/status" });
    expect(String(req!.form.Label)).toMatch(/^external:/);
  });

  it("monitors muted, whispers as a coach of the agent, barges unmuted, reusing the supervisor's leg", async () => {
    const c = await liveCall();
    const sup = await createUser("SUPERVISOR");
    const cookie = await sessionCookie(sup);
    await call(supervise as Handler, "/s", cookie, { taskSid: c.taskSid }, { mode: "monitor" });
    const [join] = fake.find("POST", `/Conferences/${c.conferenceSid}/Participants.json`);
    expect(join!.form).toMatchObject({ To: `client:${sup.username}`, Muted: "true", Label: `supervisor:${sup.id}` });
    expect(join!.form.Coaching).toBeUndefined();

    // The conference status callback would record the supervisor's leg; do it directly.
    const supLeg = fake.requests.length && sid("CA");
    await db.conferenceParticipant.create({ data: { conferenceSid: c.conferenceSid, friendlyName: c.taskSid, callSid: supLeg as string, role: "supervisor", userId: sup.id, status: "joined", joinedAt: new Date() } });
    fake.seed(`${API}/Conferences/${c.conferenceSid}/Participants`, { sid: supLeg as string });
    await call(supervise as Handler, "/s", cookie, { taskSid: c.taskSid }, { mode: "whisper" });
    expect(fake.find("POST", `/Participants/${supLeg}.json`)[0]!.form).toEqual({ Muted: "false", Coaching: "true", CallSidToCoach: c.agentCallSid });
    await call(supervise as Handler, "/s", cookie, { taskSid: c.taskSid }, { mode: "barge" });
    expect(fake.find("POST", `/Participants/${supLeg}.json`)[1]!.form).toEqual({ Muted: "false", Coaching: "false" });
    expect(await db.auditLog.count({ where: { actorId: sup.id, targetId: c.taskSid } })).toBe(3);
  });

  it("hangs up a leg with Calls update Status=completed", async () => {
    const c = await liveCall();
    await call(hangup as Handler, "/x", c.cookie, { taskSid: c.taskSid }, { callSid: c.customerCallSid });
    expect(fake.find("POST", `/Calls/${c.customerCallSid}.json`)[0]!.form).toEqual({ Status: "completed" });
  });

  it("cold-transfers to a queue: hold, new task with history, If-Match attribute merge, agent leaves, task wraps up", async () => {
    const c = await liveCall();
    const res = await call(transfer as Handler, "/t", c.cookie, { taskSid: c.taskSid }, { mode: "cold", target: { type: "queue", queueKey: "sales" } });
    expect(res.status).toBe(200);
    const { transferTaskSid } = await res.json();
    expect(fake.find("POST", `/Participants/${c.customerCallSid}.json`)[0]!.form).toMatchObject({ Hold: "true" });
    const create = fake.find("POST", `/Workspaces/${WORKSPACE_SID}/Tasks`).find((r) => r.path.endsWith("/Tasks"))!;
    const attrs = JSON.parse(create.form.Attributes as string);
    expect(attrs).toMatchObject({ type: "transfer", original_type: "call", queue: "sales", transfer_target: "queue", call_sid: c.customerCallSid, transfer: { mode: "cold", from_task_sid: c.taskSid, conference_sid: c.conferenceSid, customer_call_sid: c.customerCallSid } });
    expect(attrs.transfers).toHaveLength(1);
    const updates = fake.find("POST", `/Tasks/${c.taskSid}`);
    expect(updates[0]!.headers["if-match"]).toBeTruthy();
    expect(JSON.parse(updates[0]!.form.Attributes as string).transfers[0]).toMatchObject({ mode: "cold", to_task_sid: transferTaskSid });
    expect(fake.find("DELETE", `/Participants/${c.agentCallSid}.json`)).toHaveLength(1);
    expect(updates[1]!.form).toEqual({ AssignmentStatus: "wrapping", Reason: "transferred" });
  });

  it("retries the attribute merge when Twilio answers 412", async () => {
    const c = await liveCall();
    fake.failures.push({ method: "POST", pathIncludes: `/Tasks/${c.taskSid}`, status: 412, body: { code: 20409, message: "version mismatch", more_info: "", status: 412 }, times: 1 });
    const res = await call(transfer as Handler, "/t", c.cookie, { taskSid: c.taskSid }, { mode: "warm", target: { type: "queue", queueKey: "sales" } });
    expect(res.status).toBe(200);
    expect(fake.find("GET", `/Tasks/${c.taskSid}`)).toHaveLength(2);
    const attrs = JSON.parse(fake.find("POST", `/Tasks/${c.taskSid}`).at(-1)!.form.Attributes as string);
    expect(attrs.transfer_pending).toMatchObject({ mode: "warm" });
    // Warm: the agent stays on the call.
    expect(fake.find("DELETE", "/Participants/")).toHaveLength(0);
  });

  it("warm-transfers to an agent, then takes the caller back", async () => {
    const c = await liveCall();
    const target = await createUser("AGENT");
    await db.user.update({ where: { id: target.id }, data: { workerSid: sid("WK") } });
    const res = await call(transfer as Handler, "/t", c.cookie, { taskSid: c.taskSid }, { mode: "warm", target: { type: "agent", userId: target.id } });
    const { transferTaskSid } = await res.json();
    const attrs = JSON.parse(fake.find("POST", `/Workspaces/${WORKSPACE_SID}/Tasks`).find((r) => r.path.endsWith("/Tasks"))!.form.Attributes as string);
    expect(attrs).toMatchObject({ transfer_target: "worker", transfer_worker_sid: (await db.user.findUniqueOrThrow({ where: { id: target.id } })).workerSid });
    // The task store mirrors Twilio: the original task now says a transfer is pending.
    await db.task.update({ where: { id: c.task.id }, data: { attributes: { ...attrs, type: "call", transfer_pending: { task_sid: transferTaskSid, mode: "warm" } } } });
    await db.task.create({ data: { taskSid: transferTaskSid, type: "transfer", status: "pending", attributes: attrs } });
    fake.requests.length = 0;
    const back = await call(finishTransfer as Handler, "/f", c.cookie, { taskSid: c.taskSid }, { outcome: "return" });
    expect(back.status).toBe(200);
    expect(fake.find("POST", `/Tasks/${transferTaskSid}`)[0]!.form).toEqual({ AssignmentStatus: "canceled", Reason: "transfer returned" });
    expect(fake.find("POST", `/Participants/${c.customerCallSid}.json`)[0]!.form).toEqual({ Hold: "false" });
  });

  it("lets the agent act on a task TaskRouter has assigned while our copy still says reserved, and refuses one it has not", async () => {
    const c = await liveCall({ status: "reserved" });
    const res = await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(fake.find("POST", `/Participants/${c.customerCallSid}.json`)[0]!.form).toMatchObject({ Hold: "true" });
    fake.seed(`${TR}/Tasks`, { sid: c.taskSid, attributes: "{}", assignment_status: "reserved" });
    const refused = await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: false });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/This task is reserved/);
  });

  it("takes the caller back after the consulted agent accepted, before our copy of the transfer task knows", async () => {
    const c = await liveCall();
    const target = await createUser("AGENT");
    await db.user.update({ where: { id: target.id }, data: { workerSid: sid("WK") } });
    const res = await call(transfer as Handler, "/t", c.cookie, { taskSid: c.taskSid }, { mode: "warm", target: { type: "agent", userId: target.id } });
    const { transferTaskSid } = await res.json();
    const attrs = JSON.parse(fake.find("POST", `/Workspaces/${WORKSPACE_SID}/Tasks`).find((r) => r.path.endsWith("/Tasks"))!.form.Attributes as string);
    await db.task.update({ where: { id: c.task.id }, data: { attributes: { ...attrs, type: "call", transfer_pending: { task_sid: transferTaskSid, mode: "warm" } } } });
    // TaskRouter has assigned the transfer task (the agent accepted and was dialed in); neither its
    // event callback nor the leg's conference join has reached us yet.
    await db.task.create({ data: { taskSid: transferTaskSid, type: "transfer", status: "reserved", attributes: attrs, agentId: target.id } });
    fake.seed(`${TR}/Tasks`, { sid: transferTaskSid, attributes: JSON.stringify(attrs), assignment_status: "assigned" });
    const consultedLeg = sid("CA");
    fake.seed(`${API}/Conferences/${c.conferenceSid}/Participants`, { sid: consultedLeg, call_sid: consultedLeg, label: `agent:${target.id}` });
    fake.requests.length = 0;
    const back = await call(finishTransfer as Handler, "/f", c.cookie, { taskSid: c.taskSid }, { outcome: "return" });
    expect(back.status, await back.clone().text()).toBe(200);
    expect(fake.find("DELETE", "/Participants/").map((r) => r.path)).toEqual([`/${API}/Conferences/${c.conferenceSid}/Participants/${consultedLeg}.json`]);
    expect(fake.find("POST", `/Tasks/${transferTaskSid}`).map((r) => r.form)).toEqual([{ AssignmentStatus: "completed", Reason: "transfer returned" }]);
    expect(fake.find("POST", `/Participants/${c.customerCallSid}.json`)[0]!.form).toEqual({ Hold: "false" });
  });

  it("completes with a disposition and notes, returns the agent to Available, and audits", async () => {
    const c = await liveCall({ status: "wrapping" });
    await db.call.create({ data: { callSid: c.customerCallSid, direction: "inbound", from: "+12025550111", to: "+12025550100", status: "completed" } });
    const res = await call(complete as Handler, "/c", c.cookie, { taskSid: c.taskSid }, { disposition: "resolved", notes: "Fixed the login." });
    expect(res.status).toBe(200);
    expect(fake.find("POST", `/Tasks/${c.taskSid}`)[0]!.form).toEqual({ AssignmentStatus: "completed", Reason: "completed by agent" });
    const available = await db.activity.findUniqueOrThrow({ where: { name: "Available" } });
    expect(fake.find("POST", `/Workers/${c.workerSid}`)[0]!.form).toEqual({ ActivitySid: available.sid });
    expect(await db.call.findUniqueOrThrow({ where: { callSid: c.customerCallSid } })).toMatchObject({ disposition: "resolved", notes: "Fixed the login." });
    expect(await db.auditLog.findFirst({ where: { action: "task.complete", targetId: c.taskSid } })).toMatchObject({ actorId: c.agent.id });
  });

  it("maps Twilio errors to readable messages", async () => {
    const c = await liveCall();
    fake.failures.push({ method: "POST", pathIncludes: "/Participants/", status: 404, body: { code: 20404, message: "not found", more_info: "", status: 404 }, times: 1 });
    const res = await call(hold as Handler, "/h", c.cookie, { taskSid: c.taskSid }, { hold: true });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/no longer has that call/);
  });
});

describe("reservations", () => {
  async function reservation(user: User, type: string) {
    const workerSid = sid("WK");
    await db.user.update({ where: { id: user.id }, data: { workerSid } });
    const task = await db.task.create({ data: { taskSid: sid("WT"), type, status: "reserved", attributes: type === "call" ? { type, call_sid: sid("CA") } : { type } } });
    const r = await db.reservation.create({ data: { reservationSid: sid("WR"), taskId: task.id, workerSid, userId: user.id, status: "pending" } });
    fake.seed(`${TR}/Tasks/${task.taskSid}/Reservations`, { sid: r.reservationSid });
    return { task, reservationSid: r.reservationSid };
  }

  it("accepts a voicemail task's reservation through the REST API", async () => {
    const agent = await createUser("AGENT");
    const { task, reservationSid } = await reservation(agent, "voicemail");
    const res = await call(accept as Handler, "/a", await sessionCookie(agent), { reservationSid });
    expect(res.status).toBe(200);
    expect(fake.find("POST", `/Tasks/${task.taskSid}/Reservations/${reservationSid}`)[0]!.form).toEqual({ ReservationStatus: "accepted" });
  });

  it("tells the agent to answer the softphone for a queued call", async () => {
    const agent = await createUser("AGENT");
    const { reservationSid } = await reservation(agent, "call");
    const res = await call(accept as Handler, "/a", await sessionCookie(agent), { reservationSid });
    expect(res.status).toBe(409);
    expect(fake.requests).toHaveLength(0);
  });

  it("rejects with an optional next activity, and only for the reserved agent", async () => {
    const agent = await createUser("AGENT");
    const { task, reservationSid } = await reservation(agent, "callback");
    const other = await createUser("AGENT");
    expect((await call(reject as Handler, "/r", await sessionCookie(other), { reservationSid }, {})).status).toBe(403);
    expect((await call(reject as Handler, "/r", await sessionCookie(agent), { reservationSid }, { activity: "Break" })).status).toBe(200);
    const brk = await db.activity.findUniqueOrThrow({ where: { name: "Break" } });
    expect(fake.find("POST", `/Reservations/${reservationSid}`)[0]!.form).toEqual({ ReservationStatus: "rejected", WorkerActivitySid: brk.sid });
    expect(task.taskSid).toMatch(/^WT/);
  });
});

describe("wrap-up timeout", () => {
  it("completes overdue wrap-ups, frees the agent, audits, and leaves others alone", async () => {
    const overdue = await liveCall({ status: "wrapping" });
    await db.task.update({ where: { id: overdue.task.id }, data: { wrapupDeadlineAt: new Date(Date.now() - 1000) } });
    const notYet = await liveCall({ status: "wrapping" });
    await db.task.update({ where: { id: notYet.task.id }, data: { wrapupDeadlineAt: new Date(Date.now() + 60_000) } });

    const { completed } = await sweepWrapupTimeouts(logger);
    expect(completed).toContain(overdue.taskSid);
    expect(completed).not.toContain(notYet.taskSid);
    expect(fake.find("POST", `/Tasks/${overdue.taskSid}`)[0]!.form).toEqual({ AssignmentStatus: "completed", Reason: "wrap-up timeout" });
    expect(fake.find("POST", `/Workers/${overdue.workerSid}`)).toHaveLength(1);
    expect(await db.task.findUniqueOrThrow({ where: { id: overdue.task.id } })).toMatchObject({ status: "completed", wrapupDeadlineAt: null });
    expect(await db.auditLog.findFirst({ where: { action: "task.wrapup-timeout", targetId: overdue.taskSid } })).toMatchObject({ actorId: null });
    // A second sweep finds nothing more to do.
    fake.requests.length = 0;
    expect((await sweepWrapupTimeouts(logger)).completed).not.toContain(overdue.taskSid);
  });

  it("retries task creation for recent voicemails that have none, once, and leaves old history alone", async () => {
    const ago = (ms: number) => new Date(Date.now() - ms);
    const recent = await db.voicemail.create({ data: { from: "+12025550161", createdAt: ago(5 * 60_000), updatedAt: ago(5 * 60_000) } });
    const old = await db.voicemail.create({ data: { from: "+12025550162", createdAt: ago(3 * 3600_000), updatedAt: ago(3 * 3600_000) } });
    await sweepWrapupTimeouts(logger);
    const created = fake.find("POST", `/Workspaces/${WORKSPACE_SID}/Tasks`).filter((r) => r.path.endsWith("/Tasks"));
    expect(created.map((r) => JSON.parse(r.form.Attributes as string).voicemail_id)).toEqual([recent.id]);
    expect((await db.voicemail.findUniqueOrThrow({ where: { id: recent.id } })).taskSid).toMatch(/^WT/);
    expect((await db.voicemail.findUniqueOrThrow({ where: { id: old.id } })).taskSid).toBeNull();
    fake.requests.length = 0;
    await sweepWrapupTimeouts(logger);
    expect(fake.find("POST", "/Tasks")).toHaveLength(0);
  });
});
