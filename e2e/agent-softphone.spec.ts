/**
 * The agent workspace's softphone beyond taking queued work: one live softphone per agent across
 * tabs, the outbound dialer (to the real browser customer phone, audio both ways, then wrap-up), keyboard
 * shortcuts, and accessibility (axe-core).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { agentMicEnabled, bundleCustomerPhone, expectAudioFlowing, openAgentWorkspace, openCustomerPhone, phoneLog, sandboxUrlFor, setActivity } from "./fixtures/agent";

test.describe.configure({ mode: "serial", timeout: 180_000 });

type RingingPhone = Window & { phone: { on(event: string, listener: (event: Record<string, string>) => void): () => void; answer(callSid: string): Promise<unknown> } };

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a second tab of /agent does not take the softphone silently, and can take it over", async ({ browser }) => {
  const first = await openAgentWorkspace(browser, "bob");
  const second = await first.context().newPage();
  await second.goto("/agent");
  const notice = second.getByTestId("softphone-elsewhere");
  await expect(notice.getByRole("heading", { name: "Your softphone is active in another tab" })).toBeVisible({ timeout: 30_000 });
  await expect(second.getByTestId("softphone-status")).toHaveCount(0);
  await expect(first.getByTestId("softphone-status")).toHaveText("Ready");

  await notice.getByRole("button", { name: "Use here" }).click();
  await expect(second.getByTestId("softphone-status")).toHaveText("Ready", { timeout: 30_000 });
  await expect(second.getByTestId("worker-status")).toHaveText("Connected", { timeout: 30_000 });
  await expect(first.getByRole("heading", { name: "Your softphone was taken over by another tab" })).toBeVisible();
  await expect(first.getByTestId("softphone-status")).toHaveCount(0);

  // And back: the first tab takes it again, the second stands down.
  await first.getByRole("button", { name: "Use here" }).click();
  await expect(first.getByTestId("softphone-status")).toHaveText("Ready", { timeout: 30_000 });
  await expect(second.getByRole("heading", { name: "Your softphone was taken over by another tab" })).toBeVisible();
  await first.context().close();
});

test("/agent has no serious or critical accessibility violations, with and without the shortcut overlay", async ({ browser }) => {
  const alice = await openAgentWorkspace(browser, "alice");
  expect(await seriousViolations(alice)).toEqual([]);

  await alice.keyboard.press("?");
  const dialog = alice.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Hold or resume");
  expect(await seriousViolations(alice)).toEqual([]);
  await alice.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // The dialer's error state too.
  await alice.getByLabel("Call a number").fill("12345");
  await alice.getByRole("button", { name: "Call", exact: true }).click();
  await expect(alice.getByRole("alert").filter({ hasText: "is not a valid phone number" })).toBeVisible();
  expect(await seriousViolations(alice)).toEqual([]);
  await alice.context().close();
});

test("the dialer formats and validates the number, calls the customer phone with audio both ways, and shortcuts mute and hang up", async ({ browser }) => {
  const alice = await openAgentWorkspace(browser, "alice");
  const field = alice.getByLabel("Call a number");
  const callButton = alice.getByRole("button", { name: "Call", exact: true });

  await field.pressSequentially("12345");
  const typed = await field.inputValue();
  expect(typed.replace(/\D/g, "")).toBe("12345");
  await callButton.click();
  await expect(alice.getByRole("alert").filter({ hasText: `"${typed}" is not a valid phone number` })).toBeVisible();
  await expect(alice.getByTestId("call-panel")).toHaveCount(0);

  const customer = await openCustomerPhone(browser, await bundleCustomerPhone(), await sandboxUrlFor(alice), "+12025550144");
  await customer.evaluate(() => {
    const { phone } = window as unknown as RingingPhone;
    phone.on("ring", ({ callSid }) => void phone.answer(callSid!));
  });

  await field.fill("");
  await field.pressSequentially("2025550144");
  await expect(field).toHaveValue("(202) 555-0144");
  await callButton.click();

  const panel = alice.getByTestId("call-panel");
  await expect(panel.getByRole("heading", { name: /\+1 202 555 0144/ })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expectAudioFlowing(alice, "agent");
  await expectAudioFlowing(customer, "phone");

  // M mutes and unmutes (focus is on the page, not in a field).
  await alice.keyboard.press("m");
  await expect(panel.getByRole("button", { name: "Unmute" })).toBeVisible();
  expect(await agentMicEnabled(alice)).toBe(false);
  await alice.keyboard.press("m");
  await expect(panel.getByRole("button", { name: "Mute" })).toBeVisible();
  expect(await agentMicEnabled(alice)).toBe(true);

  // Typing "h" in the dialer does not hang up.
  await field.focus();
  await alice.keyboard.press("h");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected");

  await field.blur();
  await alice.keyboard.press("h");
  await expect(panel).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => phoneLog(customer)).toContain("hangup");

  // An outbound call is a task like any other: it is wrapped up.
  const form = alice.getByTestId("wrapup-form");
  await expect(form).toBeVisible({ timeout: 30_000 });
  await expect(form.getByRole("heading", { name: /\+1 202 555 0144/ })).toBeVisible();
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByRole("button", { name: "Complete" }).click();
  await expect(form).toHaveCount(0);
  await expect(alice.getByTestId("current-activity")).toHaveText("Available");
  await setActivity(alice, "Offline");
  await alice.context().close();
  await customer.context().close();
});
