import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";


test.describe("sign-in and navigation per role", () => {
  const cases = [
    { user: "alice", home: "/agent", nav: ["Agent", "Messages", "Rooms", "Sandbox"], name: "Alice Johnson" },
    { user: "bob", home: "/agent", nav: ["Agent", "Messages", "Rooms", "Sandbox"], name: "Bob Martinez" },
    { user: "sam", home: "/supervisor", nav: ["Agent", "Messages", "Supervisor", "Rooms", "Sandbox"], name: "Sam Okafor" },
    { user: "ada", home: "/admin", nav: ["Agent", "Messages", "Supervisor", "Rooms", "Admin", "Sandbox"], name: "Ada Lindqvist" },
  ];
  for (const c of cases) {
    test(`${c.user} signs in, lands on ${c.home} and sees their sections`, async ({ page }) => {
      await signIn(page, c.user);
      await expect(page).toHaveURL(new RegExp(`${c.home}$`));
      await expect(page.getByTestId("current-user")).toContainText(c.name);
      const links = page.getByRole("navigation", { name: "Console sections" }).getByRole("link");
      await expect(links).toHaveText(c.nav);
    });
  }
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("signed-out users are sent to the login page and back after signing in", async ({ page }) => {
  await page.goto("/supervisor");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsupervisor/);
  await page.getByLabel("Username").fill("sam");
  await page.getByLabel("Password").fill("switchboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/supervisor$/);
  await expect(page.getByTestId("queue-summary")).toBeVisible();
});

test("signed-out API calls get 401", async ({ request }) => {
  const res = await request.get("/api/supervisor/queues");
  expect(res.status()).toBe(401);
});

test("an agent gets 403 from supervisor and admin pages and APIs", async ({ page }) => {
  await signIn(page, "alice");
  for (const path of ["/supervisor", "/admin"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
  for (const path of ["/api/supervisor/queues", "/api/admin/users"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  }
  await expect(page.getByRole("link", { name: "Supervisor" })).toHaveCount(0);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "bob");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/login/);
});
