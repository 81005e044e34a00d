/**
 * The shared messaging inbox against the sandbox's messaging engine: a customer's text arrives
 * through the app's signed webhook and appears live; the agent's reply goes out through the
 * Messages API and its delivery status comes back through the status callback; a number Twilio
 * refuses leaves a failed message with the reason.
 */
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "3110"}`;
const BUSINESS = "+12025550100";

test("an agent sees a customer's text arrive live, replies, and sees it delivered", async ({ page, request }) => {
  const customer = "+12025550177";
  await signIn(page, "alice");
  await page.goto("/messages");
  await expect(page.getByText("Live")).toBeVisible();

  const inbound = await request.post(`${SANDBOX}/sandbox/messages/inbound`, { data: { from: customer, to: BUSINESS, body: "Can I move my inspection to Friday?" } });
  expect(inbound.ok()).toBeTruthy();

  const conversations = page.getByRole("list", { name: "Conversations" });
  await expect(conversations.getByText("Can I move my inspection to Friday?")).toBeVisible();
  await conversations.getByRole("link").filter({ hasText: "Friday" }).click();

  const thread = page.getByRole("log", { name: "Thread" });
  await expect(thread.getByText("Can I move my inspection to Friday?")).toBeVisible();
  await page.getByLabel("Reply").fill("Friday at 10:00 works, see you then.");
  await page.getByLabel("Reply").press("Enter");
  const reply = thread.getByRole("listitem").filter({ hasText: "Friday at 10:00 works" });
  await expect(reply).toBeVisible();
  // queued → sent → delivered arrive as signed status callbacks and refresh the thread live.
  await expect(reply.getByText("delivered")).toBeVisible({ timeout: 20_000 });

  const sandbox = (await (await request.get(`${SANDBOX}/sandbox/messages`)).json()) as { messages: { to: string; body: string; status: string }[] };
  expect(sandbox.messages.find((m) => m.body === "Friday at 10:00 works, see you then.")).toMatchObject({ to: customer, status: "delivered" });
});

test("a message to a number that cannot receive texts is kept as failed with the reason", async ({ page }) => {
  await signIn(page, "bob");
  await page.goto("/messages?new=1");
  await page.getByLabel("To").fill("+15005550009");
  await page.getByLabel("Message", { exact: true }).fill("Your appointment is confirmed.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Could not send the message: That number cannot receive text messages.")).toBeVisible();

  await page.getByRole("list", { name: "Conversations" }).getByRole("link").filter({ hasText: "Your appointment is confirmed." }).click();
  const failed = page.getByRole("log", { name: "Thread" }).getByRole("listitem").filter({ hasText: "Your appointment is confirmed." });
  await expect(failed.getByText("failed")).toBeVisible();
  await expect(failed.getByRole("button", { name: "Send again" })).toBeVisible();
});

test("a bad phone number gets a readable message and nothing is sent", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/messages?new=1");
  await page.getByLabel("To").fill("12");
  await page.getByLabel("Message", { exact: true }).fill("hello");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText(/"1 ?2" is not a valid phone number/)).toBeVisible();
});
