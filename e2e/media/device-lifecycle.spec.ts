import { expect, test } from "@playwright/test";
import {
  agentLog,
  BUSINESS_NUMBER,
  expectAudioFlowing,
  openAgent,
  openPhone,
  phoneLog,
  token,
  watchCall,
  type TestWindow,
} from "./helpers";

test("an expired token and a forged one are refused with the SDK's errors; the Device never registers", async ({
  page,
}) => {
  await page.goto("/");
  const expired = await token(page, { identity: "alice", ttl: -60 });
  const forged = await token(page, { identity: "alice", wrongSecret: true });
  const outcome = await page.evaluate(
    async ({ expired, forged }) => {
      const w = window as unknown as TestWindow;
      const attempt = async (jwt: string) => {
        const answer = {
          token: jwt,
          mode: "sandbox" as const,
          sandbox: { baseUrl: location.origin },
        };
        const device = new w.Sandbox.Device(jwt, w.Sandbox.voiceDeviceOptions(answer));
        const codes: number[] = [];
        device.on("error", (error: { code: number }) => codes.push(error.code));
        void device.register().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const started = Date.now();
          const timer = setInterval(() => {
            if (codes.length > 0 || Date.now() - started > 20_000) {
              clearInterval(timer);
              resolve();
            }
          }, 100);
        });
        const state = device.state;
        device.destroy();
        return { codes, state };
      };
      return { expired: await attempt(expired), forged: await attempt(forged) };
    },
    { expired, forged },
  );
  expect(outcome.expired.codes).toContain(20104); // AccessTokenExpired
  expect(outcome.forged.codes).toContain(20101); // AccessTokenInvalid
  expect(outcome.expired.state).not.toBe("registered");
  expect(outcome.forged.state).not.toBe("registered");
});

test("a dropped signalling socket: the Device reconnects and re-registers, and a call in progress survives it", async ({
  browser,
}) => {
  const agentPage = await (await browser.newContext()).newPage();
  const customerPage = await (await browser.newContext()).newPage();
  await openAgent(agentPage);
  await expect.poll(() => agentLog(agentPage)).toContain("registered");

  // Idle: the network drops the socket; the SDK reconnects and registers again by itself.
  expect((await (await agentPage.request.post("/test/drop-signalling")).json()).dropped).toBe(1);
  await expect
    .poll(async () => (await agentLog(agentPage)).filter((e) => e === "registered").length)
    .toBe(2);
  expect(await agentLog(agentPage)).toContain("unregistered");

  // In a call: the drop makes the call reconnect with its signalling token, audio keeps flowing.
  await openPhone(customerPage, "+12025550133");
  await customerPage.evaluate(
    (to) => (window as unknown as TestWindow).phone.phone.dial(to),
    BUSINESS_NUMBER,
  );
  await expect.poll(() => agentLog(agentPage)).toContain("incoming");
  await watchCall(agentPage, "incoming");
  await agentPage.evaluate(() => (window as unknown as TestWindow).agent.call!.accept());
  await expect.poll(() => agentLog(agentPage)).toContain("call:accept");
  await expectAudioFlowing(agentPage, "agent");

  await agentPage.request.post("/test/drop-signalling");
  await expect.poll(() => agentLog(agentPage)).toContain("call:reconnecting");
  await expect.poll(() => agentLog(agentPage)).toContain("call:reconnected");
  expect(await agentLog(agentPage)).not.toContain("call:disconnect");
  await expectAudioFlowing(agentPage, "agent");
  await expectAudioFlowing(customerPage, "phone");

  // Hang-up still works over the new socket, from the sandbox side this time.
  const callSid = await agentPage.evaluate(
    () => (window as unknown as TestWindow).agent.call!.parameters.CallSid!,
  );
  await agentPage.request.post("/test/hangup", { data: { callSid } });
  await expect.poll(() => agentLog(agentPage)).toContain("call:disconnect");
  await expect.poll(() => phoneLog(customerPage)).toContain("hangup");
});

test("token refresh: tokenWillExpire fires, updateToken keeps the Device registered, an unrefreshed token expires", async ({
  browser,
}) => {
  const refreshed = await (await browser.newContext()).newPage();
  const neglected = await (await browser.newContext()).newPage();
  // 12 s tokens, warned 10 s before expiry (the SDK's default tokenRefreshMs).
  await openAgent(refreshed, { identity: "alice", ttl: 12 });
  await openAgent(neglected, { identity: "bob", ttl: 12 });
  await expect.poll(() => agentLog(refreshed)).toContain("tokenWillExpire");
  const fresh = await token(refreshed, { identity: "alice", ttl: 3600 });
  await refreshed.evaluate(
    (jwt) => (window as unknown as TestWindow).agent.device.updateToken(jwt),
    fresh,
  );

  // The neglected Device is told its token expired (20104) and stops being registered.
  await expect.poll(() => agentLog(neglected), { timeout: 45_000 }).toContain("error:20104");
  await expect.poll(() => agentLog(neglected)).toContain("unregistered");
  // By then the refreshed one's original token has expired too, but it is still reachable.
  expect(await agentLog(refreshed)).not.toContain("error:20104");
  expect(await refreshed.evaluate(() => (window as unknown as TestWindow).agent.device.state)).toBe(
    "registered",
  );
  const state = (await (await refreshed.request.get("/test/state")).json()) as {
    devices: { identity: string }[];
  };
  expect(state.devices.map((d) => d.identity)).toEqual(["alice"]);
});
