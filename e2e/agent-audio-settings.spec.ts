/**
 * Audio settings in the agent workspace, on Chromium's fake media devices and the real Voice SDK:
 * the SDK's device lists, choosing a microphone and speaker, the microphone level test on the
 * fake microphone (it beeps), and the choice surviving a reload (a new Device).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator } from "@playwright/test";
import { openAgentWorkspace } from "./fixtures/agent";

test.describe.configure({ mode: "serial", timeout: 120_000 });

async function optionsOf(select: Locator) {
  return select.locator("option").evaluateAll((options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })));
}

test("the agent picks a fake microphone and speaker, sees the level meter move, and the choice survives a reload", async ({ browser }) => {
  const page = await openAgentWorkspace(browser, "bob");
  const button = page.getByRole("button", { name: "Audio settings" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  const panel = page.getByRole("region", { name: "Audio settings" });
  await expect(panel).toBeVisible();

  const microphone = panel.getByLabel("Microphone", { exact: true });
  const speaker = panel.getByLabel("Speaker", { exact: true });
  await expect(microphone).toBeFocused();
  // Chromium's --use-fake-device-for-media-stream devices, as the SDK's AudioHelper lists them.
  await expect.poll(async () => (await optionsOf(microphone)).map((o) => o.label).join(" | ")).toMatch(/Fake Audio Input/);
  await expect.poll(async () => (await optionsOf(speaker)).map((o) => o.label).join(" | ")).toMatch(/Fake Audio Output/);

  const mic = (await optionsOf(microphone)).find((o) => o.value !== "default" && /Fake Audio Input/.test(o.label))!;
  const out = (await optionsOf(speaker)).find((o) => o.value !== "default" && /Fake Audio Output/.test(o.label))!;
  await microphone.selectOption(mic.value);
  await speaker.selectOption(out.value);
  // The selects show what the SDK has in effect (audio.inputDevice, speakerDevices), not just what was picked.
  await expect(microphone).toHaveValue(mic.value);
  await expect(speaker).toHaveValue(out.value);

  // The fake microphone beeps: the meter rises above zero and the test says it hears something.
  await panel.getByRole("button", { name: "Test microphone" }).click();
  const meter = panel.getByRole("meter", { name: "Microphone level" });
  await expect.poll(async () => Number(await meter.getAttribute("aria-valuenow")), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(panel.getByTestId("microphone-verdict")).toHaveText("We hear you.");
  await panel.getByRole("button", { name: "Stop test" }).click();
  await expect(meter).toHaveAttribute("aria-valuenow", "0");

  // The speaker test plays on the chosen output.
  await panel.getByRole("button", { name: "Play test sound" }).click();
  await expect(panel.getByTestId("speaker-test-status").first()).toHaveText("Playing a ring on this speaker.");
  expect(await panel.getByTestId("speaker-test-sound").first().evaluate((a) => (a as HTMLAudioElement & { sinkId: string }).sinkId)).toBe(out.value);

  const { violations } = await new AxeBuilder({ page }).include("section[aria-labelledby]").analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();

  // A reload makes a new Device: the remembered devices are put into effect on it.
  await page.reload();
  await expect(page.getByTestId("softphone-status")).toHaveText("Ready", { timeout: 30_000 });
  await page.getByRole("button", { name: "Audio settings" }).click();
  await expect(panel.getByLabel("Microphone", { exact: true })).toHaveValue(mic.value);
  await expect(panel.getByLabel("Speaker", { exact: true })).toHaveValue(out.value);
  await page.context().close();
});
