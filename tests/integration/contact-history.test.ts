import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as history } from "@/app/api/contacts/by-phone/[phone]/route";
import { GET as media } from "@/app/api/recordings/[recordingSid]/media/route";
import { getAgentCallDetail } from "@/lib/server/calls/get-agent-call-detail";
import { listAgentToday } from "@/lib/server/calls/list-agent-today";
import { listRecentCalls } from "@/lib/server/calls/list-recent-calls";
import { db } from "@/lib/server/db";
import type { ContactHistory } from "@/lib/server/contacts/get-contact-history";
import { FakeTwilio } from "../support/fake-twilio";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { TEST_ACCOUNT_SID } from "../support/test-credentials";
import { sid } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const BUSINESS = "+12025550100";
let seq = 0;
/** A fresh number per test: the database is shared and Contact.phone is unique. */
function freshPhone() {
  seq += 1;
  return `+1415${String(Date.now() % 10_000_000).padStart(7, "0").slice(0, 3)}${String((Date.now() + seq * 7919) % 10_000).padStart(4, "0")}`;
}

async function get(phone: string, cookie: string, query = "") {
  const res = await history(authedRequest(`/api/contacts/by-phone/${encodeURIComponent(phone)}${query}`, cookie), { params: Promise.resolve({ phone }) } as never);
  return { status: res.status, body: (await res.json()) as ContactHistory & { error?: { message: string } } };
}

async function call(data: { from: string; to: string; direction?: string; agentId?: string | null; contactId?: string | null; startedAt?: Date; disposition?: string; outcome?: string; parentCallSid?: string }) {
  return db.call.create({
    data: {
      callSid: sid("CA"), direction: data.direction ?? "inbound", from: data.from, to: data.to, status: "completed",
      agentId: data.agentId ?? null, contactId: data.contactId ?? null, startedAt: data.startedAt ?? new Date(),
      disposition: data.disposition ?? null, outcome: data.outcome ?? "answered", parentCallSid: data.parentCallSid ?? null,
    },
  });
}

/** A voicemail from `phone` with a recording; `taskAgentId` is who TaskRouter assigned its voicemail task to. */
async function voicemail(phone: string, contactId: string | null, taskAgentId: string | null) {
  const c = await call({ from: phone, to: BUSINESS, contactId, outcome: "voicemail" });
  const recordingSid = sid("RE");
  const recording = await db.recording.create({
    data: { recordingSid, callSid: c.callSid, callId: c.id, status: "completed", url: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}`, durationSeconds: 4 },
  });
  const taskSid = sid("WT");
  await db.task.create({ data: { taskSid, type: "voicemail", status: "completed", attributes: { type: "voicemail", caller: phone }, agentId: taskAgentId } });
  const vm = await db.voicemail.create({ data: { callId: c.id, recordingId: recording.id, from: phone, contactId, durationSeconds: 4, transcription: "Please call me back about the invoice", taskSid } });
  fake.setMedia(`/api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}.wav`, Buffer.alloc(64, 1));
  return { vm, recordingSid };
}

describe("GET /api/contacts/by-phone/:e164", () => {
  it("answers 401 signed out and 400 for numbers that are not E.164 or a bad limit", async () => {
    const res = await history(new Request("http://localhost:3000/api/contacts/by-phone/%2B14155550100"), { params: Promise.resolve({ phone: "+14155550100" }) } as never);
    expect(res.status).toBe(401);
    const cookie = await sessionCookie(await createUser("AGENT"));
    for (const bad of ["12345", "2025550111", "+0123456789", "+1 202 555 0111", "client:alice"]) {
      const { status, body } = await get(bad, cookie);
      expect(status, bad).toBe(400);
      expect(body.error?.message).toContain("E.164");
    }
    for (const limit of ["0", "51", "abc", "2.5"]) {
      expect((await get("+14155550100", cookie, `?limit=${limit}`)).status, limit).toBe(400);
    }
  });

  it("answers an unknown number with the number and empty lists", async () => {
    const phone = freshPhone();
    const { status, body } = await get(phone, await sessionCookie(await createUser("AGENT")));
    expect(status).toBe(200);
    expect(body).toEqual({
      phone,
      contact: null,
      calls: { items: [], hasMore: false },
      voicemails: { items: [], hasMore: false },
      conversations: { items: [], hasMore: false },
    });
  });

  it("shows the contact, their calls (by contact and by number, one row per interaction) and messages, newest first", async () => {
    const phone = freshPhone();
    const agent = await createUser("AGENT");
    const other = await createUser("AGENT");
    const contact = await db.contact.create({ data: { name: "Grace Hopper", phone, company: "Navy", notes: "Prefers mornings" } });
    const older = await call({ from: phone, to: BUSINESS, agentId: other.id, startedAt: new Date(Date.now() - 86_400_000), disposition: "resolved" });
    // An agent's outbound call: the TwiML App leg from the client to the customer, plus its child leg.
    const outbound = await call({ from: "client:alice", to: phone, agentId: agent.id, contactId: contact.id, startedAt: new Date(Date.now() - 3_600_000) });
    await call({ from: BUSINESS, to: phone, direction: "outbound-dial", parentCallSid: outbound.callSid, startedAt: new Date(Date.now() - 3_600_000) });
    await call({ from: freshPhone(), to: BUSINESS }); // someone else
    const live = await call({ from: phone, to: BUSINESS, contactId: contact.id }); // the call being offered now
    await db.call.update({ where: { id: live.id }, data: { status: "in-progress" } });
    const conversation = await db.conversation.create({ data: { channel: "SMS", customerAddress: phone, businessAddress: BUSINESS, contactId: contact.id } });
    for (const [i, body] of ["one", "two", "three", "four"].entries()) {
      await db.message.create({ data: { conversationId: conversation.id, direction: i % 2 ? "outbound" : "inbound", from: phone, to: BUSINESS, body, status: "received", createdAt: new Date(Date.now() - (10 - i) * 1000) } });
    }

    const { status, body } = await get(phone, await sessionCookie(agent));
    expect(status).toBe(200);
    expect(body.contact).toEqual({ id: contact.id, name: "Grace Hopper", company: "Navy", email: null, notes: "Prefers mornings" });
    expect(body.calls.items.map((c) => c.id)).toEqual([outbound.id, older.id]);
    expect(body.calls.items[0]).toMatchObject({ direction: "outbound", agentName: agent.name, detailHref: `/agent/calls/${outbound.id}` });
    // Another agent's call is listed (with its outcome) but its detail page is not the agent's to open.
    expect(body.calls.items[1]).toMatchObject({ direction: "inbound", disposition: "resolved", outcome: "answered", detailHref: null });
    expect(body.conversations.items).toHaveLength(1);
    expect(body.conversations.items[0]).toMatchObject({ id: conversation.id, channel: "SMS", status: "open" });
    expect(body.conversations.items[0]!.messages.map((m) => m.body)).toEqual(["two", "three", "four"]);

    const sup = await get(phone, await sessionCookie(await createUser("SUPERVISOR")));
    expect(sup.body.calls.items.map((c) => c.detailHref)).toEqual([`/supervisor/calls/${outbound.id}`, `/supervisor/calls/${older.id}`]);
  });

  it("limits each list (?limit) and says when there is more", async () => {
    const phone = freshPhone();
    const cookie = await sessionCookie(await createUser("AGENT"));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await call({ from: phone, to: BUSINESS, startedAt: new Date(Date.now() - i * 60_000) })).id);
    const two = await get(phone, cookie, "?limit=2");
    expect(two.body.calls).toEqual({ items: [expect.objectContaining({ id: ids[0] }), expect.objectContaining({ id: ids[1] })], hasMore: true });
    const all = await get(phone, cookie, "?limit=4");
    expect(all.body.calls.items).toHaveLength(4);
    expect(all.body.calls.hasMore).toBe(false);
  });

  it("does not show an erased contact, but still the number's calls", async () => {
    const phone = freshPhone();
    await db.contact.create({ data: { name: "Erased Person", phone, erasedAt: new Date() } });
    const c = await call({ from: phone, to: BUSINESS });
    const { body } = await get(phone, await sessionCookie(await createUser("AGENT")));
    expect(body.contact).toBeNull();
    expect(body.calls.items.map((x) => x.id)).toEqual([c.id]);
  });

  it("lets an agent hear the voicemails assigned to them (transcription and audio), not the contact's others; supervisors hear all", async () => {
    const phone = freshPhone();
    const agent = await createUser("AGENT");
    const other = await createUser("AGENT");
    const contact = await db.contact.create({ data: { name: "Voicemail Caller", phone } });
    const mine = await voicemail(phone, contact.id, agent.id);
    const theirs = await voicemail(phone, null, other.id);
    const handledByMe = await voicemail(phone, contact.id, null);
    await db.voicemail.update({ where: { id: handledByMe.vm.id }, data: { handledAt: new Date(), handledById: agent.id } });

    const cookie = await sessionCookie(agent);
    const { body } = await get(phone, cookie);
    const byId = new Map(body.voicemails.items.map((v) => [v.id, v]));
    expect(byId.get(mine.vm.id)).toMatchObject({ audible: true, recordingSid: mine.recordingSid, transcription: "Please call me back about the invoice", handled: false });
    expect(byId.get(handledByMe.vm.id)).toMatchObject({ audible: true, recordingSid: handledByMe.recordingSid, handled: true });
    expect(byId.get(theirs.vm.id)).toMatchObject({ audible: false, recordingSid: null, transcription: null });

    // The media route applies the same rule.
    const ctx = (recordingSid: string) => ({ params: Promise.resolve({ recordingSid }) }) as never;
    expect((await media(authedRequest("/x", cookie), ctx(mine.recordingSid))).status).toBe(200);
    expect((await media(authedRequest("/x", cookie), ctx(handledByMe.recordingSid))).status).toBe(200);
    expect((await media(authedRequest("/x", cookie), ctx(theirs.recordingSid))).status).toBe(403);

    const sup = await get(phone, await sessionCookie(await createUser("SUPERVISOR")));
    expect(sup.body.voicemails.items.every((v) => v.audible && v.recordingSid)).toBe(true);
  });
});

describe("listAgentToday", () => {
  it("lists the agent's calls since midnight in the business time zone, with totals", async () => {
    const agent = await createUser("AGENT");
    const other = await createUser("AGENT");
    const timeZone = "America/New_York";
    // 09:00 in New York (14:00 UTC) on a winter day; midnight there is 05:00 UTC.
    const now = new Date("2026-01-15T14:00:00Z");
    const phone = freshPhone();
    const early = await call({ from: phone, to: BUSINESS, agentId: agent.id, startedAt: new Date("2026-01-15T05:30:00Z"), disposition: "resolved" });
    await db.call.update({ where: { id: early.id }, data: { answeredAt: new Date("2026-01-15T05:30:10Z"), endedAt: new Date("2026-01-15T05:32:10Z"), durationSeconds: 130 } });
    const late = await call({ from: "client:x", to: phone, agentId: agent.id, startedAt: new Date("2026-01-15T13:00:00Z"), outcome: "failed" });
    await call({ from: phone, to: BUSINESS, agentId: agent.id, startedAt: new Date("2026-01-15T04:59:00Z") }); // yesterday there
    await call({ from: phone, to: BUSINESS, agentId: other.id, startedAt: new Date("2026-01-15T06:00:00Z") });
    // The conference leg that rang the agent's softphone for a customer's call is not a call of its own.
    await call({ from: BUSINESS, to: "client:agent-x", direction: "outbound-api", agentId: agent.id, startedAt: new Date("2026-01-15T05:30:05Z") });

    const day = await listAgentToday(agent.id, timeZone, { now });
    expect(day.calls.map((c) => c.id)).toEqual([late.id, early.id]);
    expect(day.calls[0]).toMatchObject({ direction: "outbound", customer: phone, outcome: "failed" });
    expect(day.calls[1]).toMatchObject({ direction: "inbound", customer: phone, disposition: "resolved" });
    expect(day.totals).toEqual({ calls: 2, answered: 1, talkSeconds: 120 });
    expect(day.truncated).toBe(false);
    expect((await listAgentToday(agent.id, timeZone, { now, limit: 1 })).truncated).toBe(true);
  });
});

describe("listRecentCalls (My recent calls, the supervisor's latest calls)", () => {
  it("lists customer calls once, not the legs that rang the agent's softphone", async () => {
    const agent = await createUser("AGENT");
    const phone = freshPhone();
    const inbound = await call({ from: phone, to: BUSINESS, agentId: agent.id, startedAt: new Date(Date.now() - 60_000) });
    // TaskRouter's conference leg to the agent for that call.
    await call({ from: BUSINESS, to: "client:agent-x", direction: "outbound-api", agentId: agent.id, startedAt: new Date(Date.now() - 55_000) });
    // An outbound task call: the customer's leg, and the agent's softphone leg filed under it.
    const customerLeg = await call({ from: BUSINESS, to: phone, direction: "outbound-api", agentId: agent.id, startedAt: new Date(Date.now() - 30_000) });
    await call({ from: "client:agent-x", to: phone, agentId: agent.id, parentCallSid: customerLeg.callSid, startedAt: new Date(Date.now() - 31_000) });

    expect((await listRecentCalls({ agentId: agent.id })).map((c) => c.id)).toEqual([customerLeg.id, inbound.id]);
    const latest = (await listRecentCalls({ limit: 200 })).map((c) => c.id);
    expect(latest).toEqual(expect.arrayContaining([customerLeg.id, inbound.id]));
    expect((await db.call.findMany({ where: { agentId: agent.id } })).filter((c) => latest.includes(c.id))).toHaveLength(2);
  });
});

describe("getAgentCallDetail (the /agent/calls/:id page)", () => {
  it("shows an agent their own call with the task's wrap-up, and refuses others' calls as not found", async () => {
    const agent = await createUser("AGENT");
    const other = await createUser("AGENT");
    const phone = freshPhone();
    const taskSid = sid("WT");
    await db.task.create({ data: { taskSid, type: "call", status: "completed", attributes: {}, agentId: agent.id, disposition: "sale", notes: "Ordered two" } });
    const mine = await call({ from: phone, to: BUSINESS, agentId: agent.id });
    await db.call.update({ where: { id: mine.id }, data: { taskSid } });
    const theirs = await call({ from: phone, to: BUSINESS, agentId: other.id });

    const detail = await getAgentCallDetail(agent, mine.id);
    expect(detail).toMatchObject({ id: mine.id, customer: phone, outbound: false, disposition: "sale", notes: "Ordered two" });
    await expect(getAgentCallDetail(agent, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAgentCallDetail(agent, "nope")).rejects.toMatchObject({ code: "not_found" });
  });
});
