import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("health reports the embedded database up in sandbox mode", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", db: "up", mode: "sandbox", telephony: "provisioned" });
});

test("pages are served with a nonce CSP and security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
});

test("the supervisor sees today's queues and the seeded call history", async ({ page }) => {
  await signIn(page, "sam");
  const table = page.getByTestId("queue-summary");
  for (const queue of ["Sales", "Support", "Inspections", "General"]) {
    await expect(table.getByRole("rowheader", { name: queue })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Latest calls" })).toBeVisible();
});

test("an admin disables and re-enables a user; a disabled user cannot sign in", async ({ page, browser }) => {
  await signIn(page, "ada");
  const row = page.getByTestId("user-row-bob");
  await row.getByRole("button", { name: "Disable bob" }).click();
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();

  const other = await browser.newContext();
  const bobPage = await other.newPage();
  await bobPage.goto("/login");
  await bobPage.getByLabel("Username").fill("bob");
  await bobPage.getByLabel("Password").fill("switchboard-demo");
  await bobPage.getByRole("button", { name: "Sign in" }).click();
  await expect(bobPage.getByTestId("login-error")).toContainText("disabled");
  await other.close();

  await row.getByRole("button", { name: "Enable bob" }).click();
  await expect(row.getByText("disabled", { exact: true })).toHaveCount(0);
});
