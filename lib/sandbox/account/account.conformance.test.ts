/**
 * Conformance: the account resources through the unmodified twilio client (written against
 * Twilio's contract, so it could run against real Twilio with a test account).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";

describe("account resources (2010 API)", () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  });
  afterAll(async () => {
    await s.close();
  });

  it("fetches the account", async () => {
    const account = await s.client.api.v2010.accounts(s.credentials.accountSid).fetch();
    expect(account.sid).toBe(s.credentials.accountSid);
    expect(account.status).toBe("active");
    expect(account.dateCreated).toBeInstanceOf(Date);
  });

  it("rejects bad credentials with Twilio's 20003 error", async () => {
    const { sandboxTwilioClient } = await import("../testing/twilio-client");
    const bad = sandboxTwilioClient(s.url, {
      accountSid: s.credentials.accountSid,
      authToken: "f".repeat(32),
    });
    await expect(bad.incomingPhoneNumbers.list()).rejects.toMatchObject({
      status: 401,
      code: 20003,
    });
  });

  it("accepts API key credentials", async () => {
    const { sandboxTwilioClient } = await import("../testing/twilio-client");
    const keyed = sandboxTwilioClient(s.url, s.credentials);
    const numbers = await keyed.incomingPhoneNumbers.list();
    expect(numbers.map((n) => n.phoneNumber)).toContain("+12025550100");
  });

  it("seeds the business number and updates its webhooks", async () => {
    const [number] = await s.client.incomingPhoneNumbers.list({ phoneNumber: "+12025550100" });
    expect(number!.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(number!.capabilities).toMatchObject({ voice: true, sms: true });
    const updated = await s.client
      .incomingPhoneNumbers(number!.sid)
      .update({ voiceUrl: `${s.app.url}/voice`, smsUrl: `${s.app.url}/sms`, smsMethod: "POST" });
    expect(updated.voiceUrl).toBe(`${s.app.url}/voice`);
    expect(updated.dateUpdated).toBeInstanceOf(Date);
    expect(s.sandbox.ctx.numbers!.findNumber("whatsapp:+12025550100")!.smsUrl).toBe(
      `${s.app.url}/sms`,
    );
  });

  it("searches available numbers and buys one", async () => {
    const available = await s.client
      .availablePhoneNumbers("US")
      .local.list({ areaCode: 415, limit: 3 });
    expect(available).toHaveLength(3);
    expect(available[0]!.phoneNumber).toMatch(/^\+1415555\d{4}$/);
    expect(available[0]!.capabilities).toMatchObject({ voice: true, SMS: true });
    const bought = await s.client.incomingPhoneNumbers.create({
      phoneNumber: available[0]!.phoneNumber,
      friendlyName: "West",
    });
    expect(bought.friendlyName).toBe("West");
    await expect(
      s.client.incomingPhoneNumbers.create({ phoneNumber: available[0]!.phoneNumber }),
    ).rejects.toMatchObject({ status: 400 });
    const again = await s.client
      .availablePhoneNumbers("US")
      .local.list({ areaCode: 415, limit: 3 });
    expect(again.map((n) => n.phoneNumber)).not.toContain(bought.phoneNumber);
    await s.client.incomingPhoneNumbers(bought.sid).remove();
    await expect(s.client.incomingPhoneNumbers(bought.sid).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it("creates, finds, updates and deletes a TwiML App", async () => {
    const app = await s.client.applications.create({
      friendlyName: "Switchboard softphone",
      voiceUrl: `${s.app.url}/connect`,
      voiceMethod: "POST",
    });
    expect(app.sid).toMatch(/^AP[0-9a-f]{32}$/);
    const [found] = await s.client.applications.list({ friendlyName: "Switchboard softphone" });
    expect(found!.sid).toBe(app.sid);
    const updated = await s.client
      .applications(app.sid)
      .update({ statusCallback: `${s.app.url}/status` });
    expect(updated.statusCallback).toBe(`${s.app.url}/status`);
    expect(s.sandbox.ctx.numbers!.getApplication(app.sid)!.voiceUrl).toBe(`${s.app.url}/connect`);
    await s.client.applications(app.sid).remove();
    expect(await s.client.applications.list()).toHaveLength(0);
  });

  it("pages 2010 lists with Twilio's envelope", async () => {
    for (let i = 0; i < 3; i++) await s.client.applications.create({ friendlyName: `App ${i}` });
    const page = await s.client.applications.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    const next = await page.nextPage();
    expect(next!.instances).toHaveLength(1);
    const all = await s.client.applications.list({ pageSize: 1 });
    expect(all.map((a) => a.friendlyName)).toEqual(["App 0", "App 1", "App 2"]);
  });

  it("resets to the seed through the control API", async () => {
    await s.client.applications.create({ friendlyName: "temp" });
    const res = await fetch(`${s.url}/sandbox/reset`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await s.client.applications.list()).toHaveLength(0);
    expect((await s.client.incomingPhoneNumbers.list()).map((n) => n.phoneNumber)).toEqual([
      "+12025550100",
    ]);
  });

  it("snapshots and restores state", async () => {
    const app = await s.client.applications.create({ friendlyName: "kept" });
    const snapshot = await (await fetch(`${s.url}/sandbox/snapshot`, { method: "POST" })).json();
    await fetch(`${s.url}/sandbox/reset`, { method: "POST" });
    expect(await s.client.applications.list()).toHaveLength(0);
    const restored = await fetch(`${s.url}/sandbox/restore`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(snapshot),
    });
    expect(restored.status).toBe(200);
    expect((await s.client.applications(app.sid).fetch()).friendlyName).toBe("kept");
  });
});
