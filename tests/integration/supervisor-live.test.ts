import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as liveStream } from "@/app/api/supervisor/live/route";
import { GET as queuesRoute } from "@/app/api/supervisor/queues/route";
import { GET as exportCalls } from "@/app/api/supervisor/calls/export/route";
import { GET as exportReport } from "@/app/api/supervisor/reports/export/route";
import { POST as setActivity } from "@/app/api/supervisor/agents/[userId]/activity/route";
import { DELETE as leaveCall, POST as supervise } from "@/app/api/tasks/[taskSid]/supervise/route";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { getLiveHub } from "@/lib/server/supervisor/live-hub";
import { getLiveSnapshot, type LiveSnapshot } from "@/lib/server/supervisor/live-snapshot";
import { FakeTwilio } from "../support/fake-twilio";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { ensureTelephonyReference, WORKSPACE_SID } from "../support/telephony";
import { TEST_ACCOUNT_SID } from "../support/test-credentials";
import { sid } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
const TR = `taskrouter/v1/Workspaces/${WORKSPACE_SID}`;
const API = `api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}`;

beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) }) as never;
const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);

/** A queue of its own (so other test files' calls do not count), with two agents who have its skill. */
async function floor() {
  const skill = `live${Math.random().toString(36).slice(2, 8)}`;
  const queue = await db.queue.create({ data: { key: skill, name: `Live ${skill}`, targetWorkers: `skills HAS '${skill}'`, slaThresholdSeconds: 20 } });
  const idle = await createUser("AGENT", { skills: [skill] });
  const talking = await createUser("AGENT", { skills: [skill] });
  const outsider = await createUser("AGENT", { skills: ["nothing"] });
  for (const u of [idle, talking, outsider]) await db.user.update({ where: { id: u.id }, data: { workerSid: sid("WK") } });
  const workerSid = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).workerSid!;
  await db.workerActivityInterval.create({ data: { userId: idle.id, workerSid: await workerSid(idle.id), activityName: "Available", startedAt: secondsAgo(300) } });
  await db.workerActivityInterval.create({ data: { userId: talking.id, workerSid: await workerSid(talking.id), activityName: "Busy", startedAt: secondsAgo(95) } });
  await db.workerActivityInterval.create({ data: { userId: outsider.id, workerSid: await workerSid(outsider.id), activityName: "Available", startedAt: secondsAgo(10) } });

  // Today: answered in 5 s, answered in 45 s (outside the 20 s threshold), abandoned.
  const history = [
    { outcome: "answered", queueSeconds: 5 },
    { outcome: "answered", queueSeconds: 45 },
    { outcome: "abandoned", queueSeconds: null },
  ];
  for (const h of history) {
    await db.call.create({
      data: { callSid: sid("CA"), direction: "inbound", from: "+12025550177", to: "+12025550100", status: "completed", queueId: queue.id, startedAt: secondsAgo(600), endedAt: secondsAgo(500), ...h },
    });
  }

  // In progress: one caller talking to `talking` (answered after 12 s), one waiting for 40 s.
  const talkingCall = await db.call.create({
    data: {
      callSid: sid("CA"), direction: "inbound", from: "+12025550111", to: "+12025550100", status: "in-progress", queueId: queue.id, agentId: talking.id,
      outcome: "answered", queueSeconds: 12, startedAt: secondsAgo(120), enqueuedAt: secondsAgo(107), answeredAt: secondsAgo(95),
    },
  });
  const talkingTask = await db.task.create({
    data: { taskSid: sid("WT"), type: "call", status: "assigned", attributes: {}, queueId: queue.id, callSid: talkingCall.callSid, agentId: talking.id, conferenceSid: sid("CF"), assignedAt: secondsAgo(95) },
  });
  const waitingCall = await db.call.create({
    data: { callSid: sid("CA"), direction: "inbound", from: "+12025550122", to: "+12025550100", status: "in-progress", queueId: queue.id, startedAt: secondsAgo(55), enqueuedAt: secondsAgo(40) },
  });
  const waitingTask = await db.task.create({
    data: { taskSid: sid("WT"), type: "call", status: "pending", attributes: {}, queueId: queue.id, callSid: waitingCall.callSid, createdAt: secondsAgo(40) },
  });
  // The agent's own conference leg is not a separate live call.
  await db.call.create({ data: { callSid: sid("CA"), direction: "outbound-api", from: "+12025550100", to: `client:${talking.username}`, status: "in-progress", startedAt: secondsAgo(96) } });
  return { queue, idle, talking, outsider, talkingCall, talkingTask, waitingCall, waitingTask };
}

describe("live snapshot", () => {
  it("counts waiting tasks, agents by state and today's service level per queue", async () => {
    const f = await floor();
    const snapshot = await getLiveSnapshot();
    const q = snapshot.queues.find((x) => x.queueId === f.queue.id)!;
    expect(q).toMatchObject({ waiting: 1, agents: { available: 1, busy: 1, wrapup: 0 }, answered: 3, abandoned: 1, slaThresholdSeconds: 20 });
    expect(q.oldestWaitingSince).toBe(f.waitingTask.createdAt.toISOString());
    // In SLA: the 5 s and 12 s answers; out: the 45 s answer and the abandoned call → 2 / 4.
    expect(q.serviceLevel).toBe(0.5);
  });

  it("shows each agent's activity, since when, and current call with its party", async () => {
    const f = await floor();
    const { agents } = await getLiveSnapshot();
    const idle = agents.find((a) => a.userId === f.idle.id)!;
    expect(idle).toMatchObject({ activity: "Available", state: "available", call: null });
    const talking = agents.find((a) => a.userId === f.talking.id)!;
    expect(talking).toMatchObject({
      activity: "Busy",
      state: "busy",
      call: { taskSid: f.talkingTask.taskSid, callSid: f.talkingCall.callSid, party: "+12025550111", direction: "inbound", since: f.talkingCall.answeredAt!.toISOString() },
    });
  });

  it("lists calls in progress with their state and timer start, without agent legs", async () => {
    const f = await floor();
    const { calls } = await getLiveSnapshot();
    const mine = calls.filter((c) => [f.talkingCall.callSid, f.waitingCall.callSid].includes(c.callSid));
    expect(mine).toHaveLength(2);
    expect(mine.find((c) => c.callSid === f.waitingCall.callSid)).toMatchObject({ state: "waiting", stateSince: f.waitingCall.enqueuedAt!.toISOString(), taskSid: f.waitingTask.taskSid, agentId: null });
    expect(mine.find((c) => c.callSid === f.talkingCall.callSid)).toMatchObject({ state: "talking", agentId: f.talking.id, taskSid: f.talkingTask.taskSid });
    expect(calls.some((c) => c.party === `client:${f.talking.username}`)).toBe(false);
  });

  it("shows which supervisors are listening to a call and how", async () => {
    const f = await floor();
    const sup = await createUser("SUPERVISOR");
    await db.conferenceParticipant.create({
      data: { conferenceSid: f.talkingTask.conferenceSid!, friendlyName: f.talkingTask.taskSid, callSid: sid("CA"), role: "supervisor", userId: sup.id, coaching: true, status: "joined", joinedAt: new Date() },
    });
    const { calls } = await getLiveSnapshot();
    expect(calls.find((c) => c.callSid === f.talkingCall.callSid)?.supervisors).toEqual([{ userId: sup.id, mode: "whisper" }]);
  });
});

/** Reads SSE events from a response body until `until` accepts one. */
async function readEvents(res: Response, until: (events: { id?: string; event?: string; data?: string }[]) => boolean) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id?: string; event?: string; data?: string }[] = [];
  let buffer = "";
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: Record<string, string> = {};
      for (const line of block.split("\n")) {
        const i = line.indexOf(": ");
        if (i > 0) event[line.slice(0, i)] = line.slice(i + 2);
      }
      if (event.data) events.push(event);
    }
  }
  reader.releaseLock();
  return events;
}

const snapshots = (events: { event?: string; data?: string }[]) => events.filter((e) => e.event === "snapshot").map((e) => JSON.parse(e.data!) as LiveSnapshot);

describe("live stream", () => {
  it("sends a snapshot at once, then a new one when an event reports a change, and stops on disconnect", async () => {
    const f = await floor();
    const sup = await createUser("SUPERVISOR");
    const abort = new AbortController();
    const res = await liveStream(authedRequest("/api/supervisor/live", await sessionCookie(sup), { signal: abort.signal }), ctx());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");

    const first = snapshots(await readEvents(res, (e) => snapshots(e).length >= 1))[0]!;
    expect(first.agents.find((a) => a.userId === f.idle.id)?.activity).toBe("Available");

    // What the worker-activity webhook does: write, then publish on the bus.
    await db.workerActivityInterval.updateMany({ where: { userId: f.idle.id, endedAt: null }, data: { endedAt: new Date() } });
    await db.workerActivityInterval.create({ data: { userId: f.idle.id, workerSid: sid("WK"), activityName: "Break", startedAt: new Date() } });
    await publish("worker.activity", { userId: f.idle.id, activityName: "Break" });
    const later = await readEvents(res, (e) => snapshots(e).some((s) => s.agents.find((a) => a.userId === f.idle.id)?.activity === "Break"));
    expect(snapshots(later).at(-1)!.queues.find((q) => q.queueId === f.queue.id)?.agents.available).toBe(0);

    expect(getLiveHub().size).toBe(1);
    abort.abort();
    await expect.poll(() => getLiveHub().size).toBe(0);
  });

  it("resumes a dropped stream with the current snapshot (Last-Event-ID)", async () => {
    const sup = await createUser("ADMIN");
    const cookie = await sessionCookie(sup);
    const abort = new AbortController();
    const res = await liveStream(authedRequest("/api/supervisor/live", cookie, { signal: abort.signal }), ctx());
    const [first] = await readEvents(res, (e) => e.length >= 1);
    abort.abort();

    const again = new AbortController();
    const resumed = await liveStream(authedRequest("/api/supervisor/live", cookie, { signal: again.signal, headers: { "last-event-id": first!.id! } }), ctx());
    const [next] = await readEvents(resumed, (e) => e.length >= 1);
    expect(next!.event).toBe("snapshot");
    expect(next!.id).toBeTruthy();
    expect(JSON.parse(next!.data!)).toHaveProperty("queues");
    again.abort();
  });
});

describe("supervisor actions", () => {
  it("changes an agent's activity through TaskRouter and audits it", async () => {
    const f = await floor();
    const sup = await createUser("SUPERVISOR");
    const workerSid = (await db.user.findUniqueOrThrow({ where: { id: f.idle.id } })).workerSid!;
    fake.seed(`${TR}/Workers`, { sid: workerSid, attributes: "{}" });
    const breakSid = (await db.activity.findFirstOrThrow({ where: { name: "Break" } })).sid!;

    const res = await setActivity(
      authedRequest(`/api/supervisor/agents/${f.idle.id}/activity`, await sessionCookie(sup), { method: "POST", body: JSON.stringify({ activity: "Break" }), headers: { "content-type": "application/json" } }),
      ctx({ userId: f.idle.id }),
    );
    expect(res.status).toBe(200);
    const [update] = fake.find("POST", `Workers/${workerSid}`);
    expect(update?.form).toMatchObject({ ActivitySid: breakSid, RejectPendingReservations: "true" });
    const audit = await db.auditLog.findFirst({ where: { action: "agent.activity", targetId: f.idle.id } });
    expect(audit).toMatchObject({ actorId: sup.id, details: { from: "Available", to: "Break" } });
  });

  it("does not ask TaskRouter to reject reservations when making an agent Available", async () => {
    const f = await floor();
    const sup = await createUser("ADMIN");
    const workerSid = (await db.user.findUniqueOrThrow({ where: { id: f.talking.id } })).workerSid!;
    fake.seed(`${TR}/Workers`, { sid: workerSid, attributes: "{}" });
    const res = await setActivity(
      authedRequest("/x", await sessionCookie(sup), { method: "POST", body: JSON.stringify({ activity: "Available" }), headers: { "content-type": "application/json" } }),
      ctx({ userId: f.talking.id }),
    );
    expect(res.status).toBe(200);
    const [update] = fake.find("POST", `Workers/${workerSid}`);
    expect(update?.form.ActivitySid).toBe((await db.activity.findFirstOrThrow({ where: { name: "Available" } })).sid);
    expect(update?.form).not.toHaveProperty("RejectPendingReservations");
  });

  it("refuses activities that belong to TaskRouter", async () => {
    const f = await floor();
    const sup = await createUser("SUPERVISOR");
    const res = await setActivity(
      authedRequest("/x", await sessionCookie(sup), { method: "POST", body: JSON.stringify({ activity: "Busy" }), headers: { "content-type": "application/json" } }),
      ctx({ userId: f.idle.id }),
    );
    expect(res.status).toBe(400);
    expect(fake.requests).toHaveLength(0);
  });

  it("leaves a supervised call by hanging up only the supervisor's leg", async () => {
    const f = await floor();
    const sup = await createUser("SUPERVISOR");
    const supLeg = sid("CA");
    await db.conferenceParticipant.create({
      data: { conferenceSid: f.talkingTask.conferenceSid!, friendlyName: f.talkingTask.taskSid, callSid: supLeg, role: "supervisor", userId: sup.id, muted: true, status: "joined", joinedAt: new Date() },
    });
    fake.seed(`${API}/Calls`, { sid: supLeg });
    const res = await leaveCall(authedRequest("/x", await sessionCookie(sup), { method: "DELETE" }), ctx({ taskSid: f.talkingTask.taskSid }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ taskSid: f.talkingTask.taskSid, left: 1 });
    expect(fake.requests.map((r) => `${r.method} ${r.path.split("/").slice(-1)[0]}`)).toEqual([`POST ${supLeg}.json`]);
    expect(fake.requests[0]!.form).toMatchObject({ Status: "completed" });
    expect(await db.auditLog.findFirst({ where: { action: "call.leave", targetId: f.talkingTask.taskSid } })).toMatchObject({ actorId: sup.id });
  });
});

describe("supervisor authorisation", () => {
  it("gives an agent 403 on every supervisor route and the stream, and touches nothing", async () => {
    const f = await floor();
    const cookie = await sessionCookie(f.idle);
    const json = { "content-type": "application/json" };
    const attempts: [string, Promise<Response>][] = [
      ["live", liveStream(authedRequest("/api/supervisor/live", cookie), ctx())],
      ["queues", queuesRoute(authedRequest("/api/supervisor/queues", cookie), ctx())],
      ["calls export", exportCalls(authedRequest("/api/supervisor/calls/export", cookie), ctx())],
      ["report export", exportReport(authedRequest("/api/supervisor/reports/export", cookie), ctx())],
      ["activity", setActivity(authedRequest("/x", cookie, { method: "POST", body: JSON.stringify({ activity: "Break" }), headers: json }), ctx({ userId: f.talking.id }))],
      ["supervise", supervise(authedRequest("/x", cookie, { method: "POST", body: JSON.stringify({ mode: "monitor" }), headers: json }), ctx({ taskSid: f.talkingTask.taskSid }))],
      ["leave", leaveCall(authedRequest("/x", cookie, { method: "DELETE" }), ctx({ taskSid: f.talkingTask.taskSid }))],
    ];
    for (const [name, attempt] of attempts) {
      const res = await attempt;
      expect(res.status, name).toBe(403);
      expect(res.headers.get("content-type"), name).toContain("application/json");
    }
    expect(fake.requests).toHaveLength(0);
    expect(getLiveHub().size).toBe(0);
  });

  it("answers 401 to a signed-out stream", async () => {
    expect((await liveStream(new Request("http://localhost:3000/api/supervisor/live"), ctx())).status).toBe(401);
  });
});
