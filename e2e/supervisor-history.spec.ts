import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("the supervisor filters the call log, opens a call and exports CSV", async ({ page }) => {
  await signIn(page, "sam");
  await page.getByRole("navigation", { name: "Supervisor views" }).getByRole("link", { name: "Call log" }).click();
  const log = page.getByTestId("call-log");
  await expect(log.getByRole("row")).toHaveCount(51); // header + a page of 50

  await page.getByLabel("Outcome").selectOption("abandoned");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/outcome=abandoned/);
  const outcomes = log.locator("tbody tr td:nth-child(6)");
  await expect(outcomes.first()).toHaveText("abandoned");
  expect(new Set(await outcomes.allTextContents())).toEqual(new Set(["abandoned"]));

  await page.getByLabel("Outcome").selectOption("");
  await page.getByLabel("Phone number or contact").fill("Maria Garcia");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const customers = log.locator("tbody tr td:nth-child(3)");
  await expect(customers.first()).toContainText("Maria Garcia");
  expect((await customers.allTextContents()).every((t) => t.includes("Maria Garcia"))).toBe(true);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toContain("Call SID");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes("Maria Garcia"))).toBe(true);

  await log.getByRole("link", { name: /Details/ }).first().click();
  await expect(page.getByRole("heading", { name: /call · Maria Garcia/ })).toBeVisible();
  await expect(page.getByTestId("call-timeline").getByRole("listitem").first()).toBeVisible();
});

test("the supervisor reads the reports and the voicemail inbox", async ({ page }) => {
  await signIn(page, "sam");
  await page.goto("/supervisor/reports");
  await expect(page.getByTestId("kpi-offered")).toContainText(/\d+/);
  await expect(page.getByTestId("report-queues").getByRole("rowheader", { name: "Support" })).toBeVisible();
  await expect(page.getByTestId("report-agents").getByRole("rowheader", { name: "Alice Johnson" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Volume by day: \d+ calls/ })).toBeVisible();

  await page.goto("/supervisor/voicemail");
  const list = page.getByTestId("voicemail-list");
  const first = list.getByRole("listitem").first();
  // The page streams in after its loading state: count only once the list is there.
  await expect(first).toBeVisible();
  const count = await list.getByRole("listitem").count();
  await first.getByRole("button", { name: /Mark handled/ }).click();
  await expect(list.getByRole("listitem")).toHaveCount(count - 1);
});

test("agents cannot open call history or exports", async ({ page }) => {
  await signIn(page, "alice");
  for (const path of ["/supervisor/calls", "/supervisor/reports", "/supervisor/voicemail"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
  expect((await page.request.get("/api/supervisor/calls/export")).status()).toBe(403);
  expect((await page.request.get("/api/supervisor/reports/export")).status()).toBe(403);
});
