import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("an admin edits a user's routing skills and it sticks", async ({ page }) => {
  await signIn(page, "ada");
  const row = page.getByTestId("user-row-bob");
  await row.getByText("Edit bob").click();
  const form = row.getByRole("form", { name: "Edit bob" });
  await form.getByLabel("Languages").fill("en, pt");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByTestId("user-row-bob")).toContainText("Languages: en, pt");
  // put it back for the other tests
  await page.getByTestId("user-row-bob").getByText("Edit bob").click();
  await page.getByTestId("user-row-bob").getByRole("form", { name: "Edit bob" }).getByLabel("Languages").fill("en");
  await page.getByTestId("user-row-bob").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("user-row-bob").getByRole("status")).toHaveText("Saved.");
});

test("an admin adds and removes a holiday, and sees it in the audit log", async ({ page }) => {
  await signIn(page, "ada");
  await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Hours & holidays" }).click();
  const add = page.getByRole("form", { name: "Add a holiday" });
  await add.getByLabel("Date").fill("2030-05-01");
  await add.getByLabel("Name").fill("Labour Day");
  await add.getByRole("button", { name: "Add holiday" }).click();
  const holidays = page.getByRole("list", { name: "Holidays" });
  await expect(holidays).toContainText("2030-05-01 · Labour Day");
  await holidays.getByRole("button", { name: "Remove Labour Day" }).click();
  await expect(holidays).not.toContainText("Labour Day");

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByTestId("audit-log")).toContainText("settings.holiday.remove");
});

test("a bad opening time is refused with a clear message", async ({ page }) => {
  await signIn(page, "ada");
  await page.goto("/admin/hours");
  await page.getByLabel("Monday closes at").first().fill("07:00");
  await page.getByLabel("Monday opens at").first().fill("09:00");
  await page.getByRole("button", { name: "Save hours" }).click();
  await expect(page.getByRole("form", { name: "Opening hours" }).getByRole("alert")).toHaveText("Each opening must end after it starts.");
});
