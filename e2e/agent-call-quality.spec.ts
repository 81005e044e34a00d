/**
 * A real Voice SDK quality warning in the call panel: this file's browser captures a silent WAV
 * as its microphone (Chromium's --use-file-for-fake-audio-capture), so the SDK's stats monitor
 * sees a constant input level on a live call and raises `constant-audio-input-level` by itself.
 * The same silent microphone makes the settings' level test say it hears nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import config from "../playwright.config";
import { bundleCustomerPhone, openAgentWorkspace, openCustomerPhone, sandboxUrlFor } from "./fixtures/agent";

/** One second of 8 kHz 16-bit mono silence (Chromium loops the file). */
function silentWav(): string {
  const samples = 8000;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(samples * 2, 40);
  const file = path.join(os.tmpdir(), `switchboard-silence-${process.pid}.wav`);
  fs.writeFileSync(file, wav);
  return file;
}

const launchOptions = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), `--use-file-for-fake-audio-capture=${silentWav()}`] } });
test.describe.configure({ mode: "serial", timeout: 180_000 });

type RingingPhone = Window & { phone: { on(event: string, listener: (event: Record<string, string>) => void): () => void; answer(callSid: string): Promise<unknown> } };

test("a silent microphone: the level test says so, and on a call the SDK's warning shows in the call panel", async ({ browser }) => {
  const alice = await openAgentWorkspace(browser, "alice");

  await alice.getByRole("button", { name: "Audio settings" }).click();
  const panel = alice.getByRole("region", { name: "Audio settings" });
  await panel.getByRole("button", { name: "Test microphone" }).click();
  await expect(panel.getByTestId("microphone-verdict")).toHaveText(/No sound from this microphone/, { timeout: 15_000 });
  await expect(panel.getByRole("meter", { name: "Microphone level" })).toHaveAttribute("aria-valuenow", "0");
  await alice.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);

  const customer = await openCustomerPhone(browser, await bundleCustomerPhone(), await sandboxUrlFor(alice), "+12025550145");
  await customer.evaluate(() => {
    const { phone } = window as unknown as RingingPhone;
    phone.on("ring", ({ callSid }) => void phone.answer(callSid!));
  });
  await alice.getByLabel("Call a number").fill("2025550145");
  await alice.getByRole("button", { name: "Call", exact: true }).click();
  const call = alice.getByTestId("call-panel");
  await expect(call.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect(call.getByTestId("call-quality")).toHaveText("", { timeout: 1_000 });

  // The SDK samples once a second and raises the warning after ten samples with no variation.
  const quality = call.getByTestId("call-quality");
  await expect(quality).toContainText("No microphone audio", { timeout: 45_000 });
  await expect(quality).toContainText("No audio from your microphone.");

  await call.getByRole("button", { name: "Hang up" }).click();
  await expect(call).toHaveCount(0, { timeout: 30_000 });
  await alice.context().close();
  await customer.context().close();
});
