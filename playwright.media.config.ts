import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests of the sandbox media layer (e2e/media): the real Voice SDK Device and the
 * customer phone against the media module on a small harness server (no app, no database).
 * Run by `npm run test:e2e` after the app's end-to-end tests.
 */
const PORT = Number(process.env.E2E_MEDIA_PORT ?? 3120);
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) =>
  fs.existsSync(p),
);
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: "e2e/media",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
    permissions: ["microphone"],
  },
  webServer: {
    command: "npx tsx e2e/media/harness.ts",
    url: `http://127.0.0.1:${PORT}/health`,
    reuseExistingServer: !!process.env.E2E_MEDIA_REUSE,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_MEDIA_PORT: String(PORT) },
  },
});
