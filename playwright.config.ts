import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive a real Chromium against the production build, started by the same
 * launcher as `npm start`: embedded database in a throwaway folder, sandbox mode.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = ".data/e2e";

// System Chromium (Debian) unless Playwright's own browser is installed.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: "e2e",
  // The media layer's browser tests run against their own harness (playwright.media.config.ts),
  // the token-refresh spec against a server with short-lived tokens (playwright.tokens.config.ts).
  testIgnore: ["**/e2e/media/**", "**/e2e/short-tokens/**"],
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
    permissions: ["microphone", "camera"],
  },
  webServer: {
    command: `node -e "require('fs').rmSync('${DATA_DIR}',{recursive:true,force:true})" && npx tsx scripts/launch.ts start`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    // Let the launcher stop Next.js and the embedded database cleanly (the default is SIGKILL).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR,
      EMBEDDED_DB_PORT: process.env.E2E_DB_PORT ?? "54339",
      SANDBOX_PORT: process.env.E2E_SANDBOX_PORT ?? "3110",
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      DEMO_PASSWORD: "switchboard-demo",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      DATABASE_URL: "",
      PUBLIC_BASE_URL: E2E_BASE_URL,
      // Supervisor live streams end every few seconds (the browser reconnects), so the live-view
      // spec can drop one for real.
      LIVE_STREAM_MAX_SECONDS: "5",
    },
  },
});
