import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The agent console's token refresh, for real: the same production build and launcher as
 * playwright.config.ts, but Voice and TaskRouter tokens live 30 s (AGENT_TOKEN_TTL_SECONDS), so a
 * call outlives the tokens it started with. Its own run, so the other specs keep hour-long tokens
 * (they move the sandbox clock forward, which would expire short tokens at once).
 */
export default defineConfig({
  ...base,
  testDir: "e2e/short-tokens",
  testIgnore: [],
  webServer: base.webServer && !Array.isArray(base.webServer) ? { ...base.webServer, env: { ...base.webServer.env, AGENT_TOKEN_TTL_SECONDS: "30" } } : base.webServer,
});
