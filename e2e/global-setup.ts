/**
 * Runs after Playwright's webServer answers /api/health: the launcher provisions the sandbox
 * (workspace, queues, workflow, the number's webhooks, workers) just after Next.js is up, so wait
 * until health says telephony is provisioned before any test places a call or sends a text.
 */
import { E2E_BASE_URL } from "../playwright.config";

export default async function globalSetup() {
  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const health = (await (await fetch(`${E2E_BASE_URL}/api/health`)).json()) as { telephony?: string };
      if (health.telephony === "provisioned") return;
      last = JSON.stringify(health);
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The sandbox was not provisioned within 2 minutes (last health: ${last})`);
}
