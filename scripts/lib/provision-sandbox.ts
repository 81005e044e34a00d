/**
 * In sandbox mode, provisions the sandbox on every start (workspace, activities, queues, workflow,
 * TwiML App, the number's webhooks, workers) with the same code `npm run twilio:provision` runs
 * against Twilio. Idempotent. A failure is reported but does not stop the launcher: the app still
 * serves its pages, and the console says what is missing.
 */
import type { Env } from "@/lib/env";
import { runProvisioning } from "@/lib/server/twilio/provision/run-provisioning";
import { readSandboxCredentials } from "@/lib/server/twilio/sandbox-credentials";

export async function provisionSandbox(config: Env, databaseUrl: string, sandboxUrl: string): Promise<void> {
  const account = readSandboxCredentials(config.DATA_DIR);
  if (!account) {
    console.warn(`The sandbox wrote no credentials to ${config.DATA_DIR}/sandbox; skipping provisioning.`);
    return;
  }
  try {
    await runProvisioning({ databaseUrl, account, sandboxUrl, publicBaseUrl: config.PUBLIC_BASE_URL });
  } catch (error) {
    console.warn(`Provisioning the sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
