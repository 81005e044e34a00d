import { expect, test } from "@playwright/test";
import {
  agentLog,
  BUSINESS_NUMBER,
  digitsFor,
  engineEvents,
  expectAudioFlowing,
  openAgent,
  openPhone,
  phoneLog,
  watchCall,
  type TestWindow,
} from "./helpers";

test("a customer calls in: the agent's real Device rings with the call's parameters, answers, and audio flows both ways", async ({
  browser,
}) => {
  const agentPage = await (await browser.newContext()).newPage();
  const customerPage = await (await browser.newContext()).newPage();
  await openAgent(agentPage);
  await expect.poll(() => agentLog(agentPage)).toContain("registered");
  await openPhone(customerPage, "+12025550111");

  const call = await customerPage.evaluate(
    (to) => (window as unknown as TestWindow).phone.phone.dial(to),
    BUSINESS_NUMBER,
  );
  await expect.poll(() => agentLog(agentPage)).toContain("incoming");
  const incoming = await agentPage.evaluate(() => {
    const c = (window as unknown as TestWindow).agent.incoming[0]!;
    return { parameters: c.parameters, custom: Object.fromEntries(c.customParameters) };
  });
  expect(incoming.parameters.From).toBe("+12025550111");
  expect(incoming.parameters.To).toBe("client:alice");
  expect(incoming.parameters.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
  expect(incoming.custom).toEqual({ caller: "+12025550111", queue: "support" });

  await watchCall(agentPage, "incoming");
  await agentPage.evaluate(() => (window as unknown as TestWindow).agent.call!.accept());
  await expect.poll(() => agentLog(agentPage)).toContain("call:accept");
  await expect.poll(() => phoneLog(customerPage)).toContain("status:in-progress");

  await expectAudioFlowing(agentPage, "agent");
  await expectAudioFlowing(customerPage, "phone");

  // The sandbox negotiated telephone-event, so the SDK sends the agent's digits as RFC 4733 RTP
  // events (its RTCDTMFSender path), which the sandbox decodes; the customer's keypad uses the
  // phone's signalling. Both reach the voice engine on the right legs.
  await expect
    .poll(() =>
      agentPage.evaluate(() =>
        (window as unknown as TestWindow).Sandbox.peerConnections.some((pc) =>
          pc.getSenders().some((s) => s.dtmf?.canInsertDTMF),
        ),
      ),
    )
    .toBe(true);
  await agentPage.evaluate(() => (window as unknown as TestWindow).agent.call!.sendDigits("12#"));
  await expect.poll(() => digitsFor(agentPage, incoming.parameters.CallSid!)).toBe("12#");
  await customerPage.evaluate(() => (window as unknown as TestWindow).phone.phone.sendDigits("5"));
  await customerPage.evaluate(() =>
    (window as unknown as TestWindow).phone.phone.say("I have a question about my bill"),
  );
  await expect.poll(() => digitsFor(agentPage, call.callSid)).toBe("5");
  await expect
    .poll(async () =>
      (await engineEvents(agentPage)).some(
        (e) =>
          e.type === "speech" &&
          e.callSid === call.callSid &&
          e.text === "I have a question about my bill",
      ),
    )
    .toBe(true);

  // The customer hangs up: the engine hears it from the phone, and the agent's call ends.
  await customerPage.evaluate(() => (window as unknown as TestWindow).phone.phone.hangup());
  await expect.poll(() => agentLog(agentPage)).toContain("call:disconnect");
  expect(await engineEvents(agentPage)).toContainEqual({
    type: "endpoint-hangup",
    callSid: call.callSid,
    reason: "hangup",
  });
});

test("the agent calls out with device.connect: params reach the TwiML App flow, the customer answers, the agent hangs up", async ({
  browser,
}) => {
  const agentPage = await (await browser.newContext()).newPage();
  const customerPage = await (await browser.newContext()).newPage();
  await openAgent(agentPage, { register: false });
  await openPhone(customerPage, "+12025550122");

  await agentPage.evaluate(async () => {
    const w = window as unknown as TestWindow;
    // Listen before the sandbox can answer (the TwiML App answers at once, like Twilio's).
    w.agent.call = await w.agent.device.connect({
      params: { To: "+12025550122", contactId: "c_42" },
    });
    w.agent.watch(w.agent.call);
  });
  await expect
    .poll(
      async () =>
        await customerPage.evaluate(() => (window as unknown as TestWindow).phone.rings.length),
    )
    .toBe(1);
  // The harness serves every test: take this test's call (the latest).
  const clientCall = (await engineEvents(agentPage))
    .filter((e) => e.type === "client-call")
    .at(-1)!;
  expect(clientCall).toMatchObject({
    identity: "alice",
    params: { To: "+12025550122", contactId: "c_42" },
    applicationSid: expect.stringMatching(/^AP/),
  });
  const ring = await customerPage.evaluate(() => (window as unknown as TestWindow).phone.rings[0]!);
  expect(ring.from).toBe(BUSINESS_NUMBER);

  await customerPage.evaluate(
    (ring) => (window as unknown as TestWindow).phone.phone.answer(ring.callSid, ring.from),
    ring,
  );
  await expect.poll(() => agentLog(agentPage)).toContain("call:accept");
  expect(
    await agentPage.evaluate(
      () => (window as unknown as TestWindow).agent.call!.parameters.CallSid,
    ),
  ).toBe(clientCall.callSid);
  await expectAudioFlowing(agentPage, "agent");
  await expectAudioFlowing(customerPage, "phone");

  await agentPage.evaluate(() => (window as unknown as TestWindow).agent.call!.disconnect());
  await expect.poll(() => phoneLog(customerPage)).toContain("hangup");
  expect(await engineEvents(agentPage)).toContainEqual({
    type: "endpoint-hangup",
    callSid: clientCall.callSid,
    reason: "hangup",
  });
});

test("<Say> reaches the customer phone as speech and as a live caption", async ({ page }) => {
  await openPhone(page, "+12025550144");
  // Sample the phone's received audio energy while the call lasts (it ends after the message).
  await page.evaluate(() => {
    const w = window as unknown as TestWindow & { heardEnergy: number };
    w.heardEnergy = 0;
    setInterval(async () => {
      const stats = await w.phone.phone.getStats();
      stats?.forEach((r: { type: string; kind?: string; totalAudioEnergy?: number }) => {
        if (r.type === "inbound-rtp" && r.kind === "audio")
          w.heardEnergy = Math.max(w.heardEnergy, r.totalAudioEnergy ?? 0);
      });
    }, 100);
  });
  // The test engine answers unknown numbers with a spoken message, then hangs up.
  await page.evaluate(() => (window as unknown as TestWindow).phone.phone.dial("+12025550199"));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as TestWindow).phone.captions))
    .toEqual(["The number you have dialled is not in service."]);
  await expect.poll(() => phoneLog(page)).toContain("hangup");
  expect(
    await page.evaluate(
      () => (window as unknown as TestWindow & { heardEnergy: number }).heardEnergy,
    ),
  ).toBeGreaterThan(0);
});
