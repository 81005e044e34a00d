/**
 * The sandbox console (/sandbox): the customer phone dials the business, hears the IVR as
 * captions and presses a key; an SMS thread sends and receives; the live board and the webhook
 * log follow; reset drops everything and provisions the app's workspace again.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";

async function openConsole(page: Page) {
  await signIn(page, "alice");
  await page.goto("/sandbox");
  const phone = page.getByRole("region", { name: "Customer phone" });
  await expect(phone.getByText("ready as +12025550111")).toBeVisible();
  return phone;
}

test("the sandbox control routes need a signed-in user", async ({ request }) => {
  expect((await request.get("/api/sandbox/state")).status()).toBe(401);
  expect((await request.post("/api/sandbox/reset")).status()).toBe(401);
  expect((await request.post("/api/sandbox/clock", { data: { advanceMs: 1000 } })).status()).toBe(401);
});

test("the customer phone dials the business, hears the menu, presses a key; the board and webhook log follow", async ({ page }) => {
  const phone = await openConsole(page);
  await phone.getByLabel("Number to call").fill("+12025550100");
  await phone.getByRole("button", { name: "Call" }).click();
  const captions = phone.getByRole("log", { name: "Captions" });
  await expect(captions).toContainText("Thank you for calling Switchboard Demo Company", { timeout: 20_000 });

  await phone.getByRole("group", { name: "Keypad" }).getByRole("button", { name: "2", exact: true }).click();
  await expect(captions).toContainText(/Connecting you to support/i, { timeout: 20_000 });

  const calls = page.getByRole("table", { name: "Calls" });
  await expect(calls.getByRole("row").filter({ hasText: "+12025550111" }).filter({ hasText: "in-progress" }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Tasks" }).getByRole("row").filter({ hasText: "pending" }).first()).toBeVisible();

  const log = page.getByRole("list", { name: "Webhooks" });
  const gather = log.getByRole("listitem").filter({ hasText: "/api/twilio/voice/gather" }).first();
  await expect(gather).toContainText("signature valid");
  await expect(gather).toContainText("accepted");
  await expect(log.getByText("signature invalid")).toHaveCount(0);

  await phone.getByRole("button", { name: "Hang up" }).click();
  await expect(phone.getByRole("button", { name: "Call" })).toBeVisible();
  await expect(calls.getByRole("row").filter({ hasText: "+12025550111" }).filter({ hasText: "in-progress" })).toHaveCount(0);
});

test("an SMS thread sends to the business and receives its replies", async ({ page }) => {
  await openConsole(page);
  const messages = page.getByRole("region", { name: "Messages" });
  const thread = messages.getByRole("list", { name: "Message thread" });
  await messages.getByRole("textbox", { name: "Message" }).fill("Where is my order?");
  await messages.getByRole("button", { name: "Send" }).click();
  await expect(thread.locator('[data-direction="sent"]').filter({ hasText: "Where is my order?" })).toContainText("received");

  // Twilio answers STOP on the business number's behalf; the reply arrives in the thread.
  await messages.getByRole("textbox", { name: "Message" }).fill("STOP");
  await messages.getByRole("button", { name: "Send" }).click();
  await expect(thread.locator('[data-direction="received"]').filter({ hasText: "successfully been unsubscribed" })).toBeVisible();
  await messages.getByRole("textbox", { name: "Message" }).fill("START");
  await messages.getByRole("button", { name: "Send" }).click();
  await expect(thread.locator('[data-direction="received"]').filter({ hasText: "re-subscribed" })).toBeVisible();

  const log = page.getByRole("list", { name: "Webhooks" });
  await expect(log.getByRole("listitem").filter({ hasText: "/api/twilio/messaging/incoming" }).first()).toContainText("signature valid");
});

test("the clock advances and reset drops the sandbox's state and provisions it again", async ({ page }) => {
  await openConsole(page);
  const clock = page.getByRole("region", { name: "Clock" });
  await clock.getByRole("button", { name: "Advance the clock 5 min" }).click();
  await expect(clock.getByRole("status")).toHaveText("Advanced 5 min.");

  await expect(page.getByRole("list", { name: "Webhooks" }).getByRole("listitem").first()).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await clock.getByRole("button", { name: "Reset sandbox" }).click();
  await expect(clock.getByRole("status")).toHaveText("The sandbox was reset and provisioned again.", { timeout: 30_000 });
  // No calls or messages survive; the workers are provisioned again (Offline).
  await expect(page.getByRole("table", { name: "Calls" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Messages" }).getByText("No messages yet.")).toBeVisible();
  const workers = page.getByRole("table", { name: "Workers" });
  await expect(workers.getByRole("row").filter({ hasText: "alice" })).toContainText("Offline");
  await expect(page.getByRole("region", { name: "Customer phone" }).getByText("ready as +12025550111")).toBeVisible();
});
