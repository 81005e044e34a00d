/**
 * Several calls per agent (issue #6), in sandbox mode with real browser phones, the real Voice SDK
 * Device and the real TaskRouter Worker: alice (voice capacity 2) holds a call, takes another,
 * talks, ends it, resumes the first and wraps up both; bob at capacity 1 is offered nothing more.
 * The workspace is multitasking; the voice channel capacity comes from the user's setting.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { bundleCustomerPhone, callBusiness, customerOnHold, expectAudioFlowing, openAgentWorkspace, openCustomerPhone, phoneLog, sandboxUrlFor, setActivity } from "./fixtures/agent";
import { provisionedWorkspace, setWorkerActivity, taskRouter, taskRouterWorker } from "./fixtures/sandbox";

test.describe.configure({ mode: "serial", timeout: 240_000 });

let phoneScript: string;
test.beforeAll(async () => {
  phoneScript = await bundleCustomerPhone();
});

/** Only `agent` takes calls: every other worker goes Offline (another spec may have left them Available). */
async function onlyAgent(agent: string) {
  const workspace = await provisionedWorkspace();
  for (const name of workspace.workers.keys()) if (name !== agent) await setWorkerActivity(workspace, name, "Offline");
  return workspace;
}

async function answer(agent: Page, caller: RegExp) {
  const card = agent.getByTestId("reservation-card").filter({ has: agent.getByRole("heading", { name: caller }) });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByRole("button", { name: "Accept" }).click();
  const panel = agent.getByTestId("call-panel").filter({ has: agent.getByRole("heading", { name: caller }) });
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  return panel;
}

async function wrapUp(agent: Page, notes: string) {
  const form = agent.getByTestId("wrapup-form").first();
  await expect(form).toBeVisible();
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByLabel("Notes").fill(notes);
  await form.getByRole("button", { name: "Complete" }).click();
}

async function setCapacity(browser: Browser, username: string, capacity: number) {
  const ada = await (await browser.newContext()).newPage();
  await signIn(ada, "ada");
  const row = ada.getByTestId(`user-row-${username}`);
  await row.getByText(`Edit ${username}`).click();
  const form = row.getByRole("form", { name: `Edit ${username}` });
  await form.getByLabel("Simultaneous calls").fill(String(capacity));
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await ada.context().close();
}

test("a second call taken while the first is on hold", async ({ browser }) => {
  const workspace = await onlyAgent("alice");
  const alice = await openAgentWorkspace(browser, "alice");
  const sandboxUrl = await sandboxUrlFor(alice);
  await setActivity(alice, "Available");
  // TaskRouter has alice's voice capacity (seed: 2) on her voice channel.
  const channel = await taskRouter<{ configured_capacity: number }>(`/Workspaces/${workspace.sid}/Workers/${workspace.workers.get("alice")!}/Channels/voice`);
  expect(channel.configured_capacity).toBe(2);

  // Customer 1 calls; alice answers and is Busy.
  const customer1 = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550111");
  const call1 = await callBusiness(customer1, "2");
  const panel1 = await answer(alice, /Maria Garcia|\+1 202 555 0111/);
  await expect(alice.getByTestId("current-activity")).toHaveText("Busy");

  // On a live call: the dialer, Available and "another call" are refused with reasons.
  const dialer = alice.getByRole("form", { name: "Dialer" });
  await dialer.getByLabel("Call a number").fill("+12025550144");
  await expect(dialer.getByRole("button", { name: "Call" })).toBeDisabled();
  await expect(dialer.getByTestId("dialer-blocked")).toHaveText(/on hold first/);
  await alice.getByRole("group", { name: "Change status" }).getByRole("button", { name: "Available" }).click();
  await expect(alice.getByRole("alert").filter({ hasText: "You can't go Available now" })).toBeVisible();
  await expect(alice.getByTestId("current-activity")).toHaveText("Busy");

  // Alice holds call 1: the dialer may place another call now, and she takes another call.
  await panel1.getByRole("button", { name: "Hold" }).click();
  await expect(panel1.getByTestId("call-state")).toHaveText("On hold");
  await expect.poll(() => customerOnHold(sandboxUrl, call1)).toBe(true);
  await expect(dialer.getByRole("button", { name: "Call" })).toBeEnabled();
  await panel1.getByRole("button", { name: "Take another call" }).click();
  await expect(alice.getByTestId("current-activity")).toHaveText("Available");
  await expect(panel1.getByRole("button", { name: "Waiting for another call…" })).toBeDisabled();

  // Customer 2 calls; alice accepts and talks with them (audio both ways); she is Busy again.
  const customer2 = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550112");
  const call2 = await callBusiness(customer2, "2");
  const panel2 = await answer(alice, /James Smith|\+1 202 555 0112/);
  await expect(alice.getByTestId("current-activity")).toHaveText("Busy");
  await expectAudioFlowing(customer2, "phone");
  await expectAudioFlowing(alice, "agent");
  // Call 1 is still on hold in its own conference; the panels say which call is which.
  await expect(panel1.getByTestId("call-state")).toHaveText("On hold");
  await expect(panel2.getByTestId("call-state")).toHaveText("Connected");
  expect(await customerOnHold(sandboxUrl, call1)).toBe(true);
  expect(await customerOnHold(sandboxUrl, call2)).toBe(false);
  // Only one caller hears alice: resuming call 1 now is refused; Offline is still refused.
  await panel1.getByRole("button", { name: "Resume" }).click();
  await expect(panel1.getByRole("alert")).toContainText("Put your other call on hold");
  expect(await customerOnHold(sandboxUrl, call1)).toBe(true);
  await alice.getByRole("group", { name: "Change status" }).getByRole("button", { name: "Offline" }).click();
  await expect(alice.getByRole("alert").filter({ hasText: "You can't go Offline now" })).toBeVisible();

  // Alice ends call 2 and wraps it up while call 1 waits on hold: she stays Busy, not Wrap-up.
  await panel2.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer2)).toContain("hangup");
  await expect(panel2).toHaveCount(0);
  await wrapUp(alice, "Second caller");
  await expect(alice.getByTestId("wrapup-form")).toHaveCount(0);
  await expect.poll(async () => (await taskRouterWorker(workspace, "alice")).activity_name).toBe("Busy");
  await expect(alice.getByTestId("current-activity")).toHaveText("Busy");
  expect(await customerOnHold(sandboxUrl, call1)).toBe(true);

  // Back to call 1: resume, talk, hang up, wrap up; Available again.
  await panel1.getByRole("button", { name: "Resume" }).click();
  await expect(panel1.getByTestId("call-state")).toHaveText("Connected");
  await expect.poll(() => customerOnHold(sandboxUrl, call1)).toBe(false);
  await expectAudioFlowing(customer1, "phone");
  await panel1.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer1)).toContain("hangup");
  await expect(alice.getByTestId("current-activity")).toHaveText("Wrap-up");
  await wrapUp(alice, "First caller");
  await expect(alice.getByTestId("wrapup-form")).toHaveCount(0);
  await expect(alice.getByTestId("current-activity")).toHaveText("Available");

  await setActivity(alice, "Offline");
});

test("an agent with voice capacity 1 is not offered a second call while one is on hold", async ({ browser }) => {
  await setCapacity(browser, "bob", 1);
  try {
    const workspace = await onlyAgent("bob");
    const channel = await taskRouter<{ configured_capacity: number }>(`/Workspaces/${workspace.sid}/Workers/${workspace.workers.get("bob")!}/Channels/voice`);
    expect(channel.configured_capacity).toBe(1);

    const bob = await openAgentWorkspace(browser, "bob");
    const sandboxUrl = await sandboxUrlFor(bob);
    await setActivity(bob, "Available");
    const customer1 = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550111");
    await callBusiness(customer1, "2");
    const panel = await answer(bob, /Maria Garcia|\+1 202 555 0111/);
    await panel.getByRole("button", { name: "Hold" }).click();
    await expect(panel.getByTestId("call-state")).toHaveText("On hold");
    // The console says why there is no second call…
    await expect(panel.getByRole("button", { name: "Take another call" })).toBeDisabled();
    await expect(panel.getByTestId("take-another-call")).toContainText("Your voice capacity is 1 call");

    // …and TaskRouter agrees: even Available, bob is offered nothing while call 1 is open.
    await setActivity(bob, "Available");
    const customer2 = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550112");
    await callBusiness(customer2, "2");
    await bob.waitForTimeout(8_000);
    await expect(bob.getByTestId("reservation-card")).toHaveCount(0);

    // Customer 2 gives up; bob resumes and ends call 1 and wraps up.
    await customer2.evaluate(() => (window as unknown as { phone: { hangup(): Promise<void> } }).phone.hangup());
    await setActivity(bob, "Busy");
    await panel.getByRole("button", { name: "Resume" }).click();
    await expect(panel.getByTestId("call-state")).toHaveText("Connected");
    await panel.getByRole("button", { name: "Hang up" }).click();
    await expect.poll(() => phoneLog(customer1)).toContain("hangup");
    await wrapUp(bob, "Only one call at a time");
    await expect(bob.getByTestId("wrapup-form")).toHaveCount(0);
    await setActivity(bob, "Offline");
  } finally {
    await setCapacity(browser, "bob", 2);
  }
});
