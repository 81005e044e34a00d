/**
 * The agent workspace end to end in sandbox mode: a customer on a real browser phone calls the
 * business number and chooses Support; agents on /agent with the real Voice SDK Device and the
 * real TaskRouter Worker take (or reject) the work. Each party has its own browser context.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import {
  agentMicEnabled,
  bundleCustomerPhone,
  callBusiness,
  customerOnHold,
  expectAudioFlowing,
  openAgentWorkspace,
  openCustomerPhone,
  phoneLog,
  sandboxUrlFor,
  setActivity,
} from "./fixtures/agent";

test.describe.configure({ mode: "serial", timeout: 180_000 });

let phoneScript: string;
test.beforeAll(async () => {
  phoneScript = await bundleCustomerPhone();
});

async function goOffline(...pages: Page[]) {
  for (const page of pages) await setActivity(page, "Offline");
}

test("a customer's call is answered, muted, held and resumed, hung up and wrapped up; the agent is Available again and the call, task and recording are stored", async ({ browser }) => {
  const alice = await openAgentWorkspace(browser, "alice");
  const sandboxUrl = await sandboxUrlFor(alice);
  await setActivity(alice, "Available");

  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550111");
  const customerCallSid = await callBusiness(customer, "2");

  const card = alice.getByTestId("reservation-card");
  await expect(card.getByRole("heading", { name: /Maria Garcia|\+1 202 555 0111/ })).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText("Support");
  await expect(card).toContainText("IVR path2");
  await expect(card.getByTestId("reservation-countdown")).toHaveText(/^\d+s$/);
  await card.getByRole("button", { name: "Accept" }).click();

  const panel = alice.getByTestId("call-panel");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect(card).toHaveCount(0);
  // The contact behind the caller's number, from the app's database.
  await expect(panel.getByRole("heading", { name: "Maria Garcia" })).toBeVisible();
  await expect(panel).toContainText("Garcia Logistics");
  await expect(panel.getByTestId("recording-indicator")).toBeVisible();
  await expect.poll(() => phoneLog(customer)).toContain("status:in-progress");
  await expectAudioFlowing(alice, "agent");
  await expectAudioFlowing(customer, "phone");

  // While on a call, Offline is refused with a reason.
  await alice.getByRole("group", { name: "Change status" }).getByRole("button", { name: "Offline" }).click();
  await expect(alice.getByRole("alert").filter({ hasText: "You can't go Offline now" })).toBeVisible();
  await expect(alice.getByTestId("current-activity")).not.toHaveText("Offline");

  await panel.getByRole("button", { name: "Mute" }).click();
  await expect(panel.getByRole("button", { name: "Unmute" })).toBeVisible();
  expect(await agentMicEnabled(alice)).toBe(false);
  await panel.getByRole("button", { name: "Unmute" }).click();
  await expect(panel.getByRole("button", { name: "Mute" })).toBeVisible();
  expect(await agentMicEnabled(alice)).toBe(true);

  await panel.getByRole("button", { name: "Hold" }).click();
  await expect(panel.getByTestId("call-state")).toHaveText("On hold");
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(true);
  await panel.getByRole("button", { name: "Resume" }).click();
  await expect(panel.getByTestId("call-state")).toHaveText("Connected");
  await expect.poll(() => customerOnHold(sandboxUrl, customerCallSid)).toBe(false);

  await panel.getByRole("button", { name: "Keypad" }).click();
  await panel.getByRole("button", { name: "Send 5" }).click();
  await expect(panel.getByTestId("dtmf-sent")).toHaveText("5");

  await panel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  await expect(panel).toHaveCount(0);

  const form = alice.getByTestId("wrapup-form");
  await expect(form).toBeVisible();
  await expect(form.getByTestId("wrapup-countdown")).toHaveText(/^\d\d:\d\d$/);
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByLabel("Notes").fill("Explained the bill");
  await form.getByRole("button", { name: "Complete" }).click();
  await expect(form).toHaveCount(0);
  await expect(alice.getByTestId("current-activity")).toHaveText("Available");

  // The supervisor's call log shows the call with its task, disposition, notes and recording.
  const sam = await (await browser.newContext()).newPage();
  await signIn(sam, "sam");
  await sam.goto(`/supervisor/calls?q=${encodeURIComponent("+12025550111")}`);
  await sam.getByRole("link", { name: /^Details/ }).first().click();
  await expect(sam.getByText("Explained the bill")).toBeVisible();
  await expect(sam.getByText("resolved", { exact: true })).toBeVisible();
  const routing = sam.getByRole("heading", { name: "Routing" }).locator("xpath=ancestor::section[1]");
  await expect(routing).toContainText(/Task status\s*completed/);
  // The conference recording belongs to the customer's call (linked by its ConferenceSid).
  await expect(async () => {
    await sam.reload();
    await expect(sam.getByTestId("call-recordings")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  await goOffline(alice);
});
