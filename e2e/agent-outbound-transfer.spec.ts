/**
 * An outbound call runs through a task and a conference, so the in-call controls work as for
 * inbound calls: alice (Offline) dials the customer phone, puts the customer on hold and resumes,
 * then transfers the call to bob without consulting; bob answers and has the customer, alice wraps
 * up and is Available again. The conference's one recording covers the whole call.
 */
import { expect, test } from "@playwright/test";
import { bundleCustomerPhone, customerOnHold, expectAudioFlowing, openAgentWorkspace, openCustomerPhone, phoneLog, sandboxRest, sandboxUrlFor, setActivity } from "./fixtures/agent";

test.describe.configure({ mode: "serial", timeout: 180_000 });

type RingingPhone = Window & { ringSid?: string; phone: { on(event: string, listener: (event: Record<string, string>) => void): () => void; answer(callSid: string): Promise<unknown> } };
interface Participant {
  call_sid: string;
  hold: boolean;
  label: string | null;
}

/** The conference in progress that holds the customer's call, with its participants. */
async function customerConference(sandboxUrl: string, customerCallSid: string): Promise<{ sid: string; participants: Participant[] } | null> {
  const { conferences } = await sandboxRest<{ conferences: { sid: string }[] }>(sandboxUrl, "/Conferences.json?Status=in-progress");
  for (const conference of conferences) {
    const { participants } = await sandboxRest<{ participants: Participant[] }>(sandboxUrl, `/Conferences/${conference.sid}/Participants.json`);
    if (participants.some((p) => p.call_sid === customerCallSid)) return { sid: conference.sid, participants };
  }
  return null;
}

test("alice calls a customer out, holds and resumes, transfers to bob who answers; alice wraps up", async ({ browser }) => {
  const alice = await openAgentWorkspace(browser, "alice");
  const bob = await openAgentWorkspace(browser, "bob");
  const sandboxUrl = await sandboxUrlFor(alice);
  for (const page of [alice, bob]) {
    if ((await page.getByTestId("current-activity").textContent()) !== "Offline") await setActivity(page, "Offline");
  }

  const customer = await openCustomerPhone(browser, await bundleCustomerPhone(), sandboxUrl, "+12025550145");
  await customer.evaluate(() => {
    const w = window as unknown as RingingPhone;
    w.phone.on("ring", ({ callSid }) => {
      w.ringSid = callSid;
      void w.phone.answer(callSid!);
    });
  });

  // Alice is Offline and still calls out; the call is a task: hold and transfer are offered.
  await alice.getByLabel("Call a number").fill("(202) 555-0145");
  await alice.getByRole("button", { name: "Call", exact: true }).click();
  const panel = alice.getByTestId("call-panel");
  await expect(panel.getByRole("heading", { name: /\+1 202 555 0145/ })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect(panel.getByTestId("recording-indicator")).toBeVisible();
  await expectAudioFlowing(alice, "agent");
  await expectAudioFlowing(customer, "phone");
  // On the call she is Busy, like any agent on a call (Wrap-up after it, then Available).
  await expect(alice.getByTestId("current-activity")).toHaveText("Busy");
  const customerCallSid = await customer.evaluate(() => (window as unknown as RingingPhone).ringSid!);
  const conference = await customerConference(sandboxUrl, customerCallSid);
  expect(conference?.participants.map((p) => p.label).sort()).toEqual(expect.arrayContaining(["customer"]));

  // Hold and resume go through the conference.
  await panel.getByRole("button", { name: "Hold" }).click();
  await expect(panel.getByTestId("call-state")).toHaveText("On hold");
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(true);
  await panel.getByRole("button", { name: "Resume" }).click();
  await expect(panel.getByTestId("call-state")).toHaveText("Connected");
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(false);

  // Cold transfer to bob.
  await setActivity(bob, "Available");
  await panel.getByRole("button", { name: "Transfer" }).click();
  const dialog = alice.getByRole("dialog", { name: "Transfer call" });
  const picker = dialog.getByLabel("Transfer to");
  await expect(picker.locator("option", { hasText: "Bob Martinez — Available" })).toHaveCount(1, { timeout: 20_000 });
  await picker.selectOption({ label: "Bob Martinez — Available" });
  await dialog.getByRole("button", { name: "Transfer now" }).click();
  await expect(panel).toHaveCount(0, { timeout: 30_000 });
  await expect(alice.getByTestId("wrapup-form")).toBeVisible();
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(true);

  const offer = bob.getByTestId("reservation-card");
  await expect(offer).toContainText("Transferred call", { timeout: 30_000 });
  await offer.getByRole("button", { name: "Accept" }).click();
  const bobPanel = bob.getByTestId("call-panel");
  await expect(bobPanel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect
    .poll(async () => {
      const c = await customerConference(sandboxUrl, customerCallSid);
      return (c?.participants ?? []).map((p) => (p.call_sid === customerCallSid ? `customer:${p.hold ? "held" : "talking"}` : p.label?.startsWith("agent:") ? "agent" : `other:${p.label}`)).sort();
    }, { timeout: 30_000 })
    .toEqual(["agent", "customer:talking"]);
  await expectAudioFlowing(bob, "agent");
  await expectAudioFlowing(customer, "phone");

  // Alice wraps up and is Available again.
  const aliceForm = alice.getByTestId("wrapup-form");
  await aliceForm.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await aliceForm.getByLabel(/Notes/).fill("Called out, transferred to Bob.");
  await aliceForm.getByRole("button", { name: "Complete" }).click();
  await expect(aliceForm).toHaveCount(0);
  await expect(alice.getByTestId("current-activity")).toHaveText("Available");
  await setActivity(alice, "Offline");

  // Bob ends the call; the conference's single recording spans the transfer.
  await bobPanel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  await expect
    .poll(async () => (await sandboxRest<{ recordings: { status: string }[] }>(sandboxUrl, `/Recordings.json?ConferenceSid=${conference!.sid}`)).recordings.map((r) => r.status), { timeout: 30_000 })
    .toEqual(["completed"]);
  const bobForm = bob.getByTestId("wrapup-form");
  await expect(bobForm).toBeVisible({ timeout: 30_000 });
  await bobForm.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await bobForm.getByRole("button", { name: "Complete" }).click();
  await expect(bobForm).toHaveCount(0);
  await setActivity(bob, "Offline");
  for (const page of [customer, alice, bob]) await page.context().close();
});
