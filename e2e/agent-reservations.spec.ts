/**
 * Offers that alice does not take, through the agent workspace in sandbox mode: she rejects the
 * reservation (or lets it time out on the sandbox clock); her card and ringing softphone go away,
 * the conference instruction's call to her ends, and bob is offered the call, takes it with audio
 * both ways and wraps up.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { bundleCustomerPhone, callBusiness, expectAudioFlowing, openAgentWorkspace, openCustomerPhone, phoneLog, sandboxRest, sandboxUrlFor, setActivity } from "./fixtures/agent";
import { control } from "./fixtures/sandbox";

test.describe.configure({ timeout: 180_000 });

// Every test opens its own consoles and phones; close them so no Device or Worker lingers into the next.
const opened: Page[] = [];
test.afterEach(async () => {
  for (const page of opened.splice(0)) await page.context().close();
});

interface SandboxCall {
  sid: string;
  to: string;
  status: string;
}

/** The calls the sandbox placed to an agent's Device (the conference instruction's legs), newest first. */
async function agentLegs(sandboxUrl: string, username: string): Promise<SandboxCall[]> {
  const { calls } = await sandboxRest<{ calls: SandboxCall[] }>(sandboxUrl, "/Calls.json?PageSize=50");
  return calls.filter((c) => c.to === `client:${username}`);
}

/** Bob answers the offered call from his card; the customer talks to him; he hangs up and wraps up. */
async function bobTakesTheCall(bob: Page, customer: Page) {
  const offer = bob.getByTestId("reservation-card");
  await expect(offer.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 30_000 });
  await offer.getByRole("button", { name: "Accept" }).click();
  const panel = bob.getByTestId("call-panel");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expectAudioFlowing(bob, "agent");
  await expectAudioFlowing(customer, "phone");

  await panel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  const form = bob.getByTestId("wrapup-form");
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByRole("button", { name: "Complete" }).click();
  await expect(form).toHaveCount(0);
  await setActivity(bob, "Offline");
}

/**
 * Alice and bob signed in and both Available, alice first: she has been idle longer, so TaskRouter
 * offers her the next call.
 */
async function bothAvailable(browser: Browser) {
  const alice = await openAgentWorkspace(browser, "alice");
  const bob = await openAgentWorkspace(browser, "bob");
  opened.push(alice, bob);
  for (const page of [alice, bob]) if ((await page.getByTestId("current-activity").textContent()) !== "Offline") await setActivity(page, "Offline");
  await setActivity(alice, "Available");
  await setActivity(bob, "Available");
  return { alice, bob, sandboxUrl: await sandboxUrlFor(alice) };
}

/** Nothing of alice's rings any more: every call the sandbox placed to her Device has ended. */
async function expectAliceNotRinging(sandboxUrl: string) {
  await expect
    .poll(async () => (await agentLegs(sandboxUrl, "alice")).filter((c) => ["queued", "initiated", "ringing"].includes(c.status)).length, { message: "no call to alice's softphone is ringing" })
    .toBe(0);
}

/** Alice's console is quiet again: no card, no ringing call, no call panel. */
async function expectNothingOffered(alice: Page) {
  await expect(alice.getByTestId("reservation-card")).toHaveCount(0, { timeout: 15_000 });
  await expect(alice.getByTestId("call-panel")).toHaveCount(0);
  await expect(alice.getByText("No work right now")).toBeVisible();
}

test("alice rejects the offer while her softphone rings: her card and ringing call go away, bob is offered the call and takes it", async ({ browser }) => {
  const phoneScript = await bundleCustomerPhone();
  const { alice, bob, sandboxUrl } = await bothAvailable(browser);
  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550142");
  opened.push(customer);
  await callBusiness(customer, "2");
  const card = alice.getByTestId("reservation-card");
  // Accept is enabled once alice's softphone rings with the conference instruction's call.
  await expect(card.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 30_000 });
  await expect(bob.getByTestId("reservation-card")).toHaveCount(0);
  const [aliceLeg] = await agentLegs(sandboxUrl, "alice");
  expect(aliceLeg?.status).toBe("ringing");

  await card.getByRole("button", { name: "Reject" }).click();
  await expectNothingOffered(alice);
  await expectAliceNotRinging(sandboxUrl);
  // Rejecting does not change her activity.
  await expect(alice.getByTestId("current-activity")).toHaveText("Available");

  await bobTakesTheCall(bob, customer);
  // Alice was never connected and has nothing to wrap up.
  await expect(alice.getByTestId("wrapup-form")).toHaveCount(0);
  await expectNothingOffered(alice);
  await setActivity(alice, "Offline");
});

test("alice rejects the moment the offer appears (R): the offer and the call being placed to her end, bob takes it", async ({ browser }) => {
  const phoneScript = await bundleCustomerPhone();
  const { alice, bob, sandboxUrl } = await bothAvailable(browser);
  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550144");
  opened.push(customer);
  await callBusiness(customer, "2");
  await expect(alice.getByTestId("reservation-card")).toBeVisible({ timeout: 30_000 });
  await alice.keyboard.press("r");
  await expectNothingOffered(alice);
  await expectAliceNotRinging(sandboxUrl);
  await bobTakesTheCall(bob, customer);
  await expectNothingOffered(alice);
  await expectAliceNotRinging(sandboxUrl);
  await setActivity(alice, "Offline");
});

test("alice does not answer: when the reservation times out on the sandbox clock her card goes away and bob is offered the call", async ({ browser }) => {
  const phoneScript = await bundleCustomerPhone();
  const { alice, bob, sandboxUrl } = await bothAvailable(browser);
  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550143");
  opened.push(customer);
  await callBusiness(customer, "2");
  const card = alice.getByTestId("reservation-card");
  await expect(card.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 30_000 });

  // The provisioned workflow reserves for 30 s; jump past it instead of waiting.
  await control("/sandbox/clock", { advanceMs: 31_000 });
  await expectNothingOffered(alice);
  await expectAliceNotRinging(sandboxUrl);
  // TaskRouter moves a worker whose reservation timed out to the workspace's timeout activity.
  await expect(alice.getByTestId("current-activity")).toHaveText("Offline");

  await bobTakesTheCall(bob, customer);
  await expectNothingOffered(alice);
});
