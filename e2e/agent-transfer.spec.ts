/**
 * Transfers and add party end to end in sandbox mode: a customer calls Support and alice answers.
 * - warm: she consults bob (who has his own workspace open and accepts the transferred call) and
 *   completes the transfer, or cancels it and has the caller back;
 * - cold: she transfers to bob, or to the Sales queue (bob has the sales skill), and leaves at once;
 * - add party: she dials another phone into the call, a three-way conversation.
 * Checked through the consoles, the sandbox's conference state and WebRTC stats.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  bundleCustomerPhone,
  callBusiness,
  customerOnHold,
  expectAudioFlowing,
  openAgentWorkspace,
  openCustomerPhone,
  phoneLog,
  sandboxRest,
  sandboxUrlFor,
  setActivity,
} from "./fixtures/agent";

test.describe.configure({ timeout: 180_000 });

// Every test opens its own consoles and phones; close them so no Device or Worker lingers into the next.
const opened: Page[] = [];
test.afterEach(async () => {
  for (const page of opened.splice(0)) await page.context().close();
});

interface Participant {
  call_sid: string;
  hold: boolean;
  label: string | null;
  status: string;
}

/** The participants of the conference in progress that holds the customer's call. */
async function customerConference(sandboxUrl: string, customerCallSid: string): Promise<Participant[]> {
  const { conferences } = await sandboxRest<{ conferences: { sid: string }[] }>(sandboxUrl, "/Conferences.json?Status=in-progress");
  for (const conference of conferences) {
    const { participants } = await sandboxRest<{ participants: Participant[] }>(sandboxUrl, `/Conferences/${conference.sid}/Participants.json`);
    if (participants.some((p) => p.call_sid === customerCallSid)) return participants;
  }
  return [];
}

/**
 * Who is in the customer's conference: the customer (held or talking), agents (the conference
 * instruction's leg has no label, the others `agent:<id>`), outside parties (`external:…`).
 */
async function conferenceMembers(sandboxUrl: string, customerCallSid: string): Promise<string[]> {
  const participants = await customerConference(sandboxUrl, customerCallSid);
  return participants
    .map((p) => (p.call_sid === customerCallSid ? `customer:${p.hold ? "held" : "talking"}` : p.label?.startsWith("external:") ? "external" : "agent"))
    .sort();
}

/**
 * Alice and bob have their workspaces open; a customer calls Support and alice (the only one
 * Available) answers; then bob becomes Available to take transfers.
 */
async function aliceOnACall(browser: Browser, customerNumber: string) {
  const phoneScript = await bundleCustomerPhone();
  const alice = await openAgentWorkspace(browser, "alice");
  const bob = await openAgentWorkspace(browser, "bob");
  opened.push(alice, bob);
  const sandboxUrl = await sandboxUrlFor(alice);
  for (const page of [alice, bob]) if ((await page.getByTestId("current-activity").textContent()) !== "Offline") await setActivity(page, "Offline");
  await setActivity(alice, "Available");

  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, customerNumber);
  opened.push(customer);
  const customerCallSid = await callBusiness(customer, "2");
  const card = alice.getByTestId("reservation-card");
  await expect(card.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 30_000 });
  await card.getByRole("button", { name: "Accept" }).click();
  const panel = alice.getByTestId("call-panel");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await setActivity(bob, "Available");
  return { alice, bob, customer, sandboxUrl, customerCallSid, panel, phoneScript };
}

/** Completes a wrap-up form as Resolved and goes Offline. */
async function wrapUp(page: Page) {
  const form = page.getByTestId("wrapup-form");
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByRole("button", { name: "Complete" }).click();
  await expect(form).toHaveCount(0);
  await setActivity(page, "Offline");
}

/** Bob accepts the transferred call from his card; his softphone answers the leg into the conference. */
async function bobAcceptsTransfer(bob: Page) {
  const offer = bob.getByTestId("reservation-card");
  await expect(offer).toContainText("Transferred call", { timeout: 30_000 });
  await offer.getByRole("button", { name: "Accept" }).click();
  const bobPanel = bob.getByTestId("call-panel");
  await expect(bobPanel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  return bobPanel;
}

/** Bob, alone with the customer, hangs up; the customer's phone hangs up; bob wraps up. */
async function bobEndsTheCall(bob: Page, customer: Page) {
  await bob.getByTestId("call-panel").getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  await wrapUp(bob);
}

test("alice consults bob with the caller on hold, completes the transfer; bob has the caller and alice wraps up", async ({ browser }) => {
  const { alice, bob, customer, sandboxUrl, customerCallSid, panel } = await aliceOnACall(browser, "+12025550111");

  // Alice picks bob (shown with his activity) and consults first.
  await panel.getByRole("button", { name: "Transfer" }).click();
  const dialog = alice.getByRole("dialog", { name: "Transfer call" });
  const picker = dialog.getByLabel("Transfer to");
  await expect(picker).toBeFocused();
  // The list refreshes while open: bob's activity reaches the server through TaskRouter's event callback.
  await expect(picker.locator("option", { hasText: "Bob Martinez — Available" })).toHaveCount(1, { timeout: 20_000 });
  await picker.selectOption({ label: "Bob Martinez — Available" });
  await dialog.getByRole("button", { name: "Consult first" }).click();
  await expect(dialog).toHaveCount(0);
  const consult = panel.getByTestId("consult-bar");
  await expect(consult).toContainText("Consulting Bob Martinez");
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(true);

  // Bob is offered the transferred call and accepts; his softphone answers the leg into the conference.
  const offer = bob.getByTestId("reservation-card");
  await expect(offer).toContainText("Transferred call", { timeout: 30_000 });
  await offer.getByRole("button", { name: "Accept" }).click();
  const bobPanel = bob.getByTestId("call-panel");
  await expect(bobPanel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect
    .poll(async () => (await customerConference(sandboxUrl, customerCallSid)).filter((p) => p.label?.startsWith("agent:")).length, { timeout: 30_000 })
    .toBe(1);

  // Complete: the server refuses until bob's join has been recorded, so retry on its message.
  await expect(async () => {
    if ((await consult.count()) > 0) await consult.getByRole("button", { name: "Complete transfer" }).click({ timeout: 2_000 });
    await expect(consult).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });

  // Alice leaves the call and wraps up; bob and the customer are together, the customer off hold.
  await expect(panel).toHaveCount(0, { timeout: 30_000 });
  await expect(alice.getByTestId("wrapup-form")).toBeVisible();
  await expect
    .poll(async () => {
      const participants = await customerConference(sandboxUrl, customerCallSid);
      return participants.map((p) => (p.call_sid === customerCallSid ? `customer:${p.hold ? "held" : "talking"}` : p.label?.startsWith("agent:") ? "agent" : `other:${p.label}`)).sort();
    }, { timeout: 30_000 })
    .toEqual(["agent", "customer:talking"]);
  await expect(bobPanel.getByTestId("call-state")).toHaveText("Connected");
  await expectAudioFlowing(bob, "agent");
  await expectAudioFlowing(customer, "phone");

  // Alice completes her wrap-up; bob ends the call and wraps up too.
  const aliceForm = alice.getByTestId("wrapup-form");
  await aliceForm.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await aliceForm.getByRole("button", { name: "Complete" }).click();
  await expect(aliceForm).toHaveCount(0);
  await setActivity(alice, "Offline");

  await bobPanel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  const bobForm = bob.getByTestId("wrapup-form");
  await expect(bobForm).toBeVisible({ timeout: 30_000 });
  await bobForm.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await bobForm.getByRole("button", { name: "Complete" }).click();
  await expect(bobForm).toHaveCount(0);
  await setActivity(bob, "Offline");
});

test("alice consults bob, then cancels: bob leaves, the caller is back with alice off hold", async ({ browser }) => {
  const { alice, bob, customer, sandboxUrl, customerCallSid, panel } = await aliceOnACall(browser, "+12025550112");
  await panel.getByRole("button", { name: "Transfer" }).click();
  const dialog = alice.getByRole("dialog", { name: "Transfer call" });
  const picker = dialog.getByLabel("Transfer to");
  await expect(picker.locator("option", { hasText: "Bob Martinez — Available" })).toHaveCount(1, { timeout: 20_000 });
  await picker.selectOption({ label: "Bob Martinez — Available" });
  await dialog.getByRole("button", { name: "Consult first" }).click();
  const consult = panel.getByTestId("consult-bar");
  await expect(consult).toContainText("Consulting Bob Martinez");
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(true);
  const bobPanel = await bobAcceptsTransfer(bob);
  await expect.poll(() => conferenceMembers(sandboxUrl, customerCallSid), { timeout: 30_000 }).toEqual(["agent", "agent", "customer:held"]);
  await expect(bobPanel.getByTestId("call-state")).toHaveText("Connected");

  await consult.getByRole("button", { name: "Cancel (return to caller)" }).click();
  await expect(consult).toHaveCount(0);
  await expect(panel).toContainText("you are back with the caller");
  await expect.poll(() => conferenceMembers(sandboxUrl, customerCallSid), { timeout: 30_000 }).toEqual(["agent", "customer:talking"]);
  // Bob's leg ends and his transfer task is over: nothing left on his console, nothing to wrap up.
  await expect(bob.getByTestId("call-panel")).toHaveCount(0, { timeout: 30_000 });
  await expect(bob.getByTestId("reservation-card")).toHaveCount(0);
  await expect(bob.getByTestId("wrapup-form")).toHaveCount(0);
  await setActivity(bob, "Offline");

  // Alice and the customer hear each other again.
  await expect(panel.getByTestId("call-state")).toHaveText("Connected");
  await expect(panel.getByRole("button", { name: "Transfer" })).toBeEnabled();
  await expectAudioFlowing(alice, "agent");
  await expectAudioFlowing(customer, "phone");
  await panel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  await wrapUp(alice);
});

test("alice transfers cold to bob: she leaves and wraps up at once, bob takes the caller", async ({ browser }) => {
  const { alice, bob, customer, sandboxUrl, customerCallSid, panel } = await aliceOnACall(browser, "+12025550113");
  await panel.getByRole("button", { name: "Transfer" }).click();
  const dialog = alice.getByRole("dialog", { name: "Transfer call" });
  const picker = dialog.getByLabel("Transfer to");
  await expect(picker.locator("option", { hasText: "Bob Martinez — Available" })).toHaveCount(1, { timeout: 20_000 });
  await picker.selectOption({ label: "Bob Martinez — Available" });
  await dialog.getByRole("button", { name: "Transfer now" }).click();
  await expect(dialog).toHaveCount(0);

  // Alice is out of the call and wrapping up while the caller waits on hold for bob.
  await expect(panel).toHaveCount(0, { timeout: 30_000 });
  await expect(alice.getByTestId("wrapup-form")).toBeVisible();
  await expect.poll(() => conferenceMembers(sandboxUrl, customerCallSid), { timeout: 30_000 }).toEqual(["customer:held"]);
  await wrapUp(alice);

  await bobAcceptsTransfer(bob);
  await expect.poll(() => conferenceMembers(sandboxUrl, customerCallSid), { timeout: 30_000 }).toEqual(["agent", "customer:talking"]);
  await expectAudioFlowing(bob, "agent");
  await expectAudioFlowing(customer, "phone");
  await bobEndsTheCall(bob, customer);
});

test("alice transfers cold to the Sales queue: bob (sales) is offered it and takes the caller", async ({ browser }) => {
  const { alice, bob, customer, sandboxUrl, customerCallSid, panel } = await aliceOnACall(browser, "+12025550114");
  await panel.getByRole("button", { name: "Transfer" }).click();
  const dialog = alice.getByRole("dialog", { name: "Transfer call" });
  await dialog.getByLabel("Transfer to").selectOption({ label: "Sales queue" });
  await dialog.getByRole("button", { name: "Transfer now" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panel).toHaveCount(0, { timeout: 30_000 });
  await wrapUp(alice);

  const offer = bob.getByTestId("reservation-card");
  await expect(offer).toContainText("Transferred call", { timeout: 30_000 });
  await expect(offer).toContainText("Sales");
  await bobAcceptsTransfer(bob);
  await expect.poll(() => conferenceMembers(sandboxUrl, customerCallSid), { timeout: 30_000 }).toEqual(["agent", "customer:talking"]);
  await expectAudioFlowing(bob, "agent");
  await expectAudioFlowing(customer, "phone");
  await bobEndsTheCall(bob, customer);
});

test("alice adds an outside number to the call: it rings, answers and hears the conversation", async ({ browser }) => {
  const { alice, bob, customer, sandboxUrl, customerCallSid, panel, phoneScript } = await aliceOnACall(browser, "+12025550115");
  await setActivity(bob, "Offline");
  const expert = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550177");
  opened.push(expert);
  await expert.evaluate(() => {
    const w = window as unknown as { phone: { on(e: string, l: (event: { callSid: string; from: string }) => void): void }; rings: { callSid: string; from: string }[] };
    w.rings = [];
    w.phone.on("ring", (event) => w.rings.push(event));
  });

  await panel.getByRole("button", { name: "Add party" }).click();
  const form = alice.getByRole("form", { name: "Add a party" });
  await form.getByLabel("Number to add to the call").fill("(202) 555-0177");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(panel).toContainText("into the call");

  const ring = await expect
    .poll(() => expert.evaluate(() => (window as unknown as { rings: { callSid: string; from: string }[] }).rings.length), { message: "the outside phone rings" })
    .toBe(1)
    .then(() => expert.evaluate(() => (window as unknown as { rings: { callSid: string; from: string }[] }).rings[0]!));
  // The business number calls out, not the customer's.
  expect(ring.from).toBe("+12025550100");
  await expert.evaluate((callSid) => (window as unknown as { phone: { answer(sid: string): Promise<unknown> } }).phone.answer(callSid), ring.callSid);
  await expect.poll(() => conferenceMembers(sandboxUrl, customerCallSid), { timeout: 30_000 }).toEqual(["agent", "customer:talking", "external"]);
  await expectAudioFlowing(expert, "phone");
  await expectAudioFlowing(customer, "phone");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected");

  // Hanging up ends the customer's call, and with it the conference and the outside leg.
  await panel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  await expect.poll(() => phoneLog(expert)).toContain("hangup");
  await wrapUp(alice);
});
