/**
 * Warm transfer end to end in sandbox mode: a customer calls Support, alice answers, consults bob
 * (who has his own workspace open and accepts the transferred call), completes the transfer; bob
 * is left talking to the customer (the sandbox's conference state and WebRTC stats) and alice
 * goes to wrap-up.
 */
import { expect, test } from "@playwright/test";
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

test.describe.configure({ mode: "serial", timeout: 180_000 });

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

test("alice consults bob with the caller on hold, completes the transfer; bob has the caller and alice wraps up", async ({ browser }) => {
  const phoneScript = await bundleCustomerPhone();
  const alice = await openAgentWorkspace(browser, "alice");
  const bob = await openAgentWorkspace(browser, "bob");
  const sandboxUrl = await sandboxUrlFor(alice);
  // Only alice takes the customer's call; bob becomes Available for the transfer.
  if ((await bob.getByTestId("current-activity").textContent()) !== "Offline") await setActivity(bob, "Offline");
  await setActivity(alice, "Available");

  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550111");
  const customerCallSid = await callBusiness(customer, "2");
  const card = alice.getByTestId("reservation-card");
  await expect(card.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 30_000 });
  await card.getByRole("button", { name: "Accept" }).click();
  const panel = alice.getByTestId("call-panel");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await setActivity(bob, "Available");

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
