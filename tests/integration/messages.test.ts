import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listInbox, POST as startConversation } from "@/app/api/messages/route";
import { GET as getThread } from "@/app/api/messages/conversations/[conversationId]/route";
import { POST as reply } from "@/app/api/messages/conversations/[conversationId]/messages/route";
import { POST as setStatus } from "@/app/api/messages/conversations/[conversationId]/status/route";
import { POST as retry } from "@/app/api/messages/[messageId]/retry/route";
import { GET as stream } from "@/app/api/messages/stream/route";
import { POST as messagingIncoming } from "@/app/api/twilio/messaging/incoming/route";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { FakeTwilio } from "../support/fake-twilio";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { TEST_ACCOUNT_SID } from "../support/test-credentials";
import { sid, signedRequest } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const customer = () => `+1202555${Math.floor(1000 + Math.random() * 8999)}`;

async function inbound(from: string, body: string) {
  const messageSid = sid("SM");
  await messagingIncoming(
    signedRequest("/api/twilio/messaging/incoming", { AccountSid: TEST_ACCOUNT_SID, MessageSid: messageSid, SmsSid: messageSid, From: from, To: "+12025550100", Body: body, NumMedia: "0", SmsStatus: "received", ApiVersion: "2010-04-01" }),
  );
  return db.conversation.findUniqueOrThrow({ where: { channel_customerAddress_businessAddress: { channel: "SMS", customerAddress: from, businessAddress: "+12025550100" } } });
}

describe("messaging inbox", () => {
  it("threads an inbound text, lets an agent reply through Twilio, and assigns the conversation", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    const from = customer();
    const conversation = await inbound(from, "Is my order shipped?");

    const inbox = await (await listInbox(authedRequest("/api/messages", cookie), params({}))).json();
    expect(inbox.conversations.map((c: { id: string }) => c.id)).toContain(conversation.id);

    const res = await reply(authedRequest(`/api/messages/conversations/${conversation.id}/messages`, cookie, json({ body: "Yes, it left today." })), params({ conversationId: conversation.id }));
    expect(res.status).toBe(201);
    const [sent] = fake.find("POST", "/Messages.json");
    expect(sent?.form).toMatchObject({ From: "+12025550100", To: from, Body: "Yes, it left today.", StatusCallback: "http://localhost:3000/api/twilio/messaging/status" });

    const thread = await (await getThread(authedRequest(`/api/messages/conversations/${conversation.id}`, cookie), params({ conversationId: conversation.id }))).json();
    expect(thread.messages.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ["inbound", "Is my order shipped?"],
      ["outbound", "Yes, it left today."],
    ]);
    expect(thread.messages[1]).toMatchObject({ status: "queued", senderId: agent.id });
    expect(thread.messages[1].messageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(thread.assigneeId).toBe(agent.id);
  });

  it("starts a WhatsApp conversation by number and rejects an invalid number readably", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    const bad = await startConversation(authedRequest("/api/messages", cookie, json({ to: "12", channel: "SMS", body: "hi" })), params({}));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not a valid phone number/);
    expect(fake.find("POST", "/Messages.json")).toHaveLength(0);

    const to = customer();
    const res = await startConversation(authedRequest("/api/messages", cookie, json({ to: `(${to.slice(2, 5)}) ${to.slice(5, 8)}-${to.slice(8)}`, channel: "WHATSAPP", body: "Your inspection is booked." })), params({}));
    expect(res.status).toBe(201);
    const { conversationId } = await res.json();
    expect(fake.find("POST", "/Messages.json")[0]?.form).toMatchObject({ From: "whatsapp:+12025550100", To: `whatsapp:${to}` });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ channel: "WHATSAPP", customerAddress: to });
  });

  it("refuses to text a customer who replied STOP, until they reply START", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    const from = customer();
    const conversation = await inbound(from, "STOP");
    const send = () => reply(authedRequest(`/api/messages/conversations/${conversation.id}/messages`, cookie, json({ body: "Hello?" })), params({ conversationId: conversation.id }));

    const refused = await send();
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/opted out/);
    expect(fake.find("POST", "/Messages.json")).toHaveLength(0);
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "outbound" } })).toBe(0);

    await inbound(from, "START");
    expect((await send()).status).toBe(201);
  });

  it("keeps a message Twilio refused as failed with the reason, and sends it again on retry", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    const conversation = await inbound(customer(), "hello");
    fake.failures.push({ method: "POST", pathIncludes: "/Messages.json", status: 400, body: { code: 21614, message: "not a mobile number", more_info: "https://www.twilio.com/docs/errors/21614", status: 400 }, times: 1 });

    const res = await reply(authedRequest(`/api/messages/conversations/${conversation.id}/messages`, cookie, json({ body: "Are you there?" })), params({ conversationId: conversation.id }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/cannot receive text messages/);
    const failed = await db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "outbound" } });
    expect(failed).toMatchObject({ status: "failed", errorCode: 21614, messageSid: null, attempts: 1 });

    const again = await retry(authedRequest(`/api/messages/${failed.id}/retry`, cookie, { method: "POST" }), params({ messageId: failed.id }));
    expect(again.status).toBe(200);
    expect(await db.message.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "queued", errorCode: null, attempts: 2 });
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "outbound" } })).toBe(1);
  });

  it("closes and reopens a conversation; signed-out callers get 401", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    const conversation = await inbound(customer(), "thanks, all good");
    const close = await setStatus(authedRequest(`/api/messages/conversations/${conversation.id}/status`, cookie, json({ status: "closed" })), params({ conversationId: conversation.id }));
    expect(close.status).toBe(200);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("closed");
    // A new inbound text reopens it.
    await inbound(conversation.customerAddress, "one more thing");
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("open");

    const anonymous = await listInbox(new Request("http://localhost:3000/api/messages"), params({}));
    expect(anonymous.status).toBe(401);
  });

  it("streams message updates to signed-in staff", async () => {
    const agent = await createUser("AGENT");
    const controller = new AbortController();
    const res = await stream(authedRequest("/api/messages/stream", await sessionCookie(agent), { signal: controller.signal }), params({}));
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    await reader.read(); // the "connected" preamble
    await publish("message.updated", { messageSid: "SMx", conversationId: "c1", status: "delivered", direction: "outbound" });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: message.updated\ndata: {"messageSid":"SMx"');
    controller.abort();
  });
});
