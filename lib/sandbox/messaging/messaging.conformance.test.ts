/** Conformance: Messages through the twilio client, inbound SMS/WhatsApp, <Message> replies, magic numbers, opt-out. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { control, routeNumber, twiml } from "../testing/scenario";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";
import { countSegments } from "./messaging-engine";

describe("messaging", () => {
  let s: TestSandbox;
  beforeEach(async () => {
    s = await startTestSandbox();
    await routeNumber(s, { sms: "/sms" });
  });
  afterEach(async () => {
    expect(s.app.requests.every((r) => r.signatureValid)).toBe(true);
    await s.close();
  });
  const inbound = (body: Record<string, unknown>) =>
    control<{ messageSid: string }>(s, "/sandbox/messages/inbound", body);

  it("sends a message through queued → sent → delivered with status callbacks", async () => {
    const message = await s.client.messages.create({
      to: "+12025550111",
      from: s.credentials.phoneNumber,
      body: "Your callback is at 3pm",
      statusCallback: `${s.app.url}/status`,
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      status: "queued",
      direction: "outbound-api",
      numSegments: "1",
      numMedia: "0",
      body: "Your callback is at 3pm",
    });
    await s.settle();
    await s.advance(5_000);
    expect(s.app.to("/status").map((h) => h.params.MessageStatus)).toEqual([
      "queued",
      "sent",
      "delivered",
    ]);
    expect(s.app.to("/status")[2]!.params).toMatchObject({
      MessageSid: message.sid,
      SmsStatus: "delivered",
      From: s.credentials.phoneNumber,
      To: "+12025550111",
      AccountSid: s.credentials.accountSid,
    });
    const fetched = await s.client.messages(message.sid).fetch();
    expect(fetched.status).toBe("delivered");
    expect(fetched.dateSent).toBeInstanceOf(Date);
    expect((await s.client.messages.list({ to: "+12025550111" })).map((m) => m.sid)).toEqual([
      message.sid,
    ]);
  });

  it("fails the magic numbers synchronously or asynchronously with Twilio's codes", async () => {
    const from = s.credentials.phoneNumber;
    await expect(
      s.client.messages.create({ to: "+15005550001", from, body: "x" }),
    ).rejects.toMatchObject({ status: 400, code: 21211 });
    await expect(
      s.client.messages.create({ to: "+15005550002", from, body: "x" }),
    ).rejects.toMatchObject({ code: 21612 });
    await expect(
      s.client.messages.create({ to: "+15005550004", from, body: "x" }),
    ).rejects.toMatchObject({ code: 21610 });
    await expect(
      s.client.messages.create({ to: "+15005550009", from, body: "x" }),
    ).rejects.toMatchObject({ code: 21614 });
    await expect(
      s.client.messages.create({ to: "+12025550111", from: "+19995550000", body: "x" }),
    ).rejects.toMatchObject({ code: 21606 });
    await expect(
      s.client.messages.create({ to: "+12025550111", from, body: "x".repeat(1601) }),
    ).rejects.toMatchObject({ code: 21617 });
    const unreachable = await s.client.messages.create({
      to: "+15005550010",
      from,
      body: "x",
      statusCallback: `${s.app.url}/status`,
    });
    const landline = await s.client.messages.create({ to: "+15005550011", from, body: "x" });
    await s.advance(5_000);
    expect(await s.client.messages(unreachable.sid).fetch()).toMatchObject({
      status: "undelivered",
      errorCode: 30003,
    });
    expect(await s.client.messages(landline.sid).fetch()).toMatchObject({
      status: "failed",
      errorCode: 30006,
    });
    expect(s.app.to("/status").at(-1)!.params).toMatchObject({
      MessageStatus: "undelivered",
      ErrorCode: "30003",
    });
  });

  it("delivers an inbound SMS to the number's SMS URL and sends the <Message> reply back", async () => {
    s.app.on("/sms", (hook) =>
      twiml(
        `<Message statusCallback="/reply-status">Thanks, we got: ${hook.params.Body}</Message>`,
      ),
    );
    const { messageSid } = await inbound({
      from: "+12025550111",
      to: s.credentials.phoneNumber,
      body: "Where is my order?",
    });
    await s.settle();
    const [hook] = s.app.to("/sms");
    expect(hook!.params).toMatchObject({
      MessageSid: messageSid,
      SmsSid: messageSid,
      SmsMessageSid: messageSid,
      Body: "Where is my order?",
      From: "+12025550111",
      To: "+12025550100",
      NumMedia: "0",
      NumSegments: "1",
      SmsStatus: "received",
      ApiVersion: "2010-04-01",
    });
    await s.advance(5_000);
    const [reply] = await s.client.messages.list({ to: "+12025550111" });
    expect(reply).toMatchObject({
      direction: "outbound-reply",
      from: "+12025550100",
      body: "Thanks, we got: Where is my order?",
      status: "delivered",
    });
    expect(s.app.to("/reply-status").map((h) => h.params.MessageStatus)).toEqual([
      "queued",
      "sent",
      "delivered",
    ]);
    const received = await s.client.messages(messageSid).fetch();
    expect(received).toMatchObject({ direction: "inbound", status: "received" });
  });

  it("handles WhatsApp with the whatsapp: prefix, media, and read receipts", async () => {
    s.app.on("/sms", () =>
      twiml(
        `<Message><Body>Photo received</Body><Media>https://example.test/ok.png</Media></Message>`,
      ),
    );
    await inbound({
      from: "+12025550111",
      to: `whatsapp:${s.credentials.phoneNumber}`,
      body: "",
      mediaUrls: ["https://example.test/damage.jpg"],
      profileName: "Ana",
    });
    await s.settle();
    const [hook] = s.app.to("/sms");
    expect(hook!.params).toMatchObject({
      From: "whatsapp:+12025550111",
      To: "whatsapp:+12025550100",
      NumMedia: "1",
      MediaUrl0: "https://example.test/damage.jpg",
      MediaContentType0: "image/jpeg",
      WaId: "12025550111",
      ProfileName: "Ana",
    });
    await s.advance(5_000);
    const [reply] = await s.client.messages.list({ to: "whatsapp:+12025550111" });
    expect(reply).toMatchObject({ from: "whatsapp:+12025550100", numMedia: "1", status: "read" });
    expect(reply!.sid).toMatch(/^MM/);
    expect(await s.client.messages(reply!.sid).media.list()).toHaveLength(1);
  });

  it("applies STOP and START like Twilio's default opt-out handling", async () => {
    s.app.on("/sms", () => twiml(""));
    await inbound({ from: "+12025550111", to: s.credentials.phoneNumber, body: "stop" });
    await s.settle();
    expect(s.app.to("/sms")).toHaveLength(1);
    await expect(
      s.client.messages.create({
        to: "+12025550111",
        from: s.credentials.phoneNumber,
        body: "promo",
      }),
    ).rejects.toMatchObject({ code: 21610 });
    await inbound({ from: "+12025550111", to: s.credentials.phoneNumber, body: "START" });
    await s.settle();
    const sent = await s.client.messages.create({
      to: "+12025550111",
      from: s.credentials.phoneNumber,
      body: "welcome back",
    });
    expect(sent.status).toBe("queued");
    const autoReplies = (await s.client.messages.list({ to: "+12025550111" })).filter(
      (m) => m.direction === "outbound-reply",
    );
    expect(autoReplies).toHaveLength(2);
  });

  it("reports messaging TwiML that does not parse as 12100 and sends nothing", async () => {
    s.app.on("/sms", () => ({
      status: 200,
      contentType: "text/xml",
      body: "<Response><Message>oops</Response>",
    }));
    await inbound({ from: "+12025550111", to: s.credentials.phoneNumber, body: "hi" });
    await s.settle();
    expect(s.sandbox.debugger.list().map((e) => e.code)).toContain(12100);
    expect(await s.client.messages.list({ to: "+12025550111" })).toHaveLength(0);
  });

  it("counts segments like Twilio (GSM-7 160/153, UCS-2 70/67)", () => {
    expect(countSegments("a".repeat(160))).toBe(1);
    expect(countSegments("a".repeat(161))).toBe(2);
    expect(countSegments("é".repeat(160))).toBe(1);
    expect(countSegments("😀".repeat(35))).toBe(1);
    expect(countSegments("😀".repeat(36))).toBe(2);
    expect(countSegments("{".repeat(80))).toBe(1);
    expect(countSegments("{".repeat(81))).toBe(2);
  });
});
