/**
 * "My work" on /agent end to end in sandbox mode: a customer texts the business, then calls it on
 * a real browser phone; the agent's contact panel shows the caller's message while the call is
 * offered, the call is answered and wrapped up with a disposition, today's history lists it, and
 * when the customer calls again the panel shows the past call with its disposition.
 */
import { expect, test, type Page } from "@playwright/test";
import { SANDBOX_URL } from "./fixtures/sandbox";
import { BUSINESS_NUMBER, bundleCustomerPhone, callBusiness, openAgentWorkspace, openCustomerPhone, phoneLog, sandboxUrlFor, setActivity } from "./fixtures/agent";

test.describe.configure({ mode: "serial", timeout: 180_000 });

/** Not a seeded contact: the panel shows the bare number. */
const CUSTOMER = "+12025550163";
const CUSTOMER_DISPLAY = "+1 202 555 0163";

let phoneScript: string;
test.beforeAll(async () => {
  phoneScript = await bundleCustomerPhone();
});

async function hangUpPhone(customer: Page) {
  await customer.evaluate(() => (window as unknown as { phone: { hangup(): Promise<void> } }).phone.hangup());
}

test("the contact panel shows the caller's messages and past calls; today's history lists the call with its disposition", async ({ browser, request }) => {
  const alice = await openAgentWorkspace(browser, "alice");
  const sandboxUrl = await sandboxUrlFor(alice);
  const myWork = alice.getByTestId("my-work");
  const callsBefore = Number(await myWork.getByTestId("today-calls").textContent());

  // The customer texts first, through the sandbox's signed messaging webhook.
  const text = await request.post(`${SANDBOX_URL}/sandbox/messages/inbound`, { data: { from: CUSTOMER, to: BUSINESS_NUMBER, body: "Has my order shipped yet?" } });
  expect(text.ok()).toBeTruthy();

  await setActivity(alice, "Available");
  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, CUSTOMER);
  await callBusiness(customer, "2");

  const card = alice.getByTestId("reservation-card");
  await expect(card).toBeVisible({ timeout: 30_000 });
  const panel = alice.getByTestId("contact-panel");
  await expect(panel).toContainText("Offered call");
  await expect(panel.getByRole("heading", { name: CUSTOMER_DISPLAY })).toBeVisible();
  await expect(panel).toContainText("Not in contacts");
  await expect(panel.getByTestId("contact-messages")).toContainText("Has my order shipped yet?");
  await expect(panel.getByRole("link", { name: "Open conversation" })).toHaveAttribute("href", /^\/messages\?c=/);
  await expect(panel.getByRole("link", { name: "Text" })).toHaveAttribute("href", `/messages?to=${encodeURIComponent(CUSTOMER)}`);
  // The call being offered is not a "past" call.
  await expect(panel).toContainText("No calls before.");
  await expect(myWork.getByTestId("current-tasks")).toContainText("Offered");

  await card.getByRole("button", { name: "Accept" }).click();
  const callPanel = alice.getByTestId("call-panel");
  await expect(callPanel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect(panel).toContainText("On call");
  await expect(myWork.getByTestId("current-tasks")).toContainText("Live");

  await callPanel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer), { timeout: 30_000 }).toContain("hangup");
  const form = alice.getByTestId("wrapup-form");
  await expect(form).toBeVisible();
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByRole("button", { name: "Complete" }).click();
  await expect(form).toHaveCount(0);

  // The finished task refreshes today's history from the server.
  const row = myWork.getByTestId("today-history").getByRole("row").filter({ hasText: CUSTOMER_DISPLAY }).first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("resolved");
  await expect(row).toContainText("answered");
  await expect(myWork.getByTestId("today-calls")).toHaveText(String(callsBefore + 1));
  await expect(row.getByRole("button", { name: `Call ${CUSTOMER_DISPLAY}` })).toBeVisible();

  // Picking the customer in the history opens their panel, now with the call.
  await expect(panel).toHaveCount(0);
  await row.getByRole("button", { name: /show contact/ }).click();
  await expect(panel).toContainText("Selected");
  await expect(panel.getByTestId("contact-calls")).toContainText("resolved");
  await expect(panel.getByTestId("contact-calls")).toContainText("Alice");
  // Her own call's detail page (opened beside the workspace, which keeps the softphone).
  const href = await panel.getByTestId("contact-calls").getByRole("link", { name: "Details" }).first().getAttribute("href");
  expect(href).toMatch(/^\/agent\/calls\//);
  const detail = await alice.context().newPage();
  await detail.goto(href!);
  await expect(detail.getByRole("heading", { name: `Inbound call · ${CUSTOMER_DISPLAY}` })).toBeVisible();
  await expect(detail.getByText("resolved", { exact: true })).toBeVisible();
  await detail.close();

  // The customer calls again: while it is offered, the panel shows the past call and the message.
  // A fresh phone: the first one's captions would let callBusiness press 2 before the menu speaks.
  const again = await openCustomerPhone(browser, phoneScript, sandboxUrl, CUSTOMER);
  await callBusiness(again, "2");
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText("Offered call");
  await expect(panel.getByTestId("contact-calls")).toContainText("resolved");
  await expect(panel.getByTestId("contact-messages")).toContainText("Has my order shipped yet?");
  await hangUpPhone(again);
  await expect(card).toHaveCount(0, { timeout: 30_000 });

  await setActivity(alice, "Offline");
});
