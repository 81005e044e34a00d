/**
 * npm run twilio:provision — creates or updates the TaskRouter workspace, activities, task
 * queues, workflow, TwiML App, the phone number's webhooks and one worker per user, and records
 * the SIDs in the database. Idempotent: run it again after changing queues, users or the URL.
 *
 * Twilio mode: needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET,
 * TWILIO_PHONE_NUMBER and PUBLIC_BASE_URL (TWILIO_WORKSPACE_SID / TWILIO_TWIML_APP_SID may still be
 * empty on the first run: it prints them for your .env). Sandbox mode: the running sandbox's
 * credentials file (start `npm run dev` first).
 */
import { parseEnv, EnvError, TWILIO_VARIABLES } from "@/lib/env";
import { readSandboxCredentials } from "@/lib/server/twilio/sandbox-credentials";
import { runProvisioning } from "@/lib/server/twilio/provision/run-provisioning";
import { loadDotEnv } from "./lib/dotenv";
import { startEmbeddedDb } from "./lib/embedded-db";

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function main() {
  loadDotEnv();
  const raw = process.env;
  const twilioMode = Boolean(raw.TWILIO_ACCOUNT_SID);
  // The general settings, validated without the Twilio variables (a first run lacks some of them).
  let config;
  try {
    config = parseEnv(Object.fromEntries(Object.entries(raw).filter(([k]) => !(TWILIO_VARIABLES as readonly string[]).includes(k))));
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }

  let account;
  let sandboxUrl: string | undefined;
  let publicBaseUrl = config.PUBLIC_BASE_URL;
  if (twilioMode) {
    const missing = ["TWILIO_ACCOUNT_SID", "TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "TWILIO_PHONE_NUMBER", "PUBLIC_BASE_URL"].filter((k) => !raw[k]);
    if (missing.length) fail(`Set ${missing.join(", ")} before provisioning Twilio (see .env.example).`);
    if (!publicBaseUrl.startsWith("https://")) console.warn(`PUBLIC_BASE_URL is ${publicBaseUrl}: Twilio needs a public https URL to reach the app.`);
    account = { accountSid: raw.TWILIO_ACCOUNT_SID!, apiKeySid: raw.TWILIO_API_KEY_SID!, apiKeySecret: raw.TWILIO_API_KEY_SECRET!, phoneNumber: raw.TWILIO_PHONE_NUMBER! };
  } else {
    const creds = readSandboxCredentials(config.DATA_DIR);
    if (!creds) fail(`No sandbox credentials in ${config.DATA_DIR}/sandbox. Start the app with \`npm run dev\` (it starts the sandbox and provisions it), or set the Twilio variables.`);
    account = creds;
    sandboxUrl = config.SANDBOX_URL;
    publicBaseUrl = config.PUBLIC_BASE_URL;
  }

  const embedded = config.DATABASE_URL ? null : await startEmbeddedDb({ dataDir: config.DATA_DIR, port: config.EMBEDDED_DB_PORT, supervised: false });
  try {
    const result = await runProvisioning({
      databaseUrl: config.DATABASE_URL ?? embedded!.url,
      account,
      sandboxUrl,
      publicBaseUrl,
      log: (m) => console.log(`  ${m}`),
    });
    console.log(`\nProvisioned ${twilioMode ? "Twilio" : "the sandbox"} for ${publicBaseUrl}:`);
    console.log(`  activities  ${Object.entries(result.activities).map(([n, s]) => `${n}=${s}`).join(" ")}`);
    console.log(`  queues      ${Object.entries(result.taskQueues).map(([n, s]) => `${n}=${s}`).join(" ")}`);
    console.log(`  workers     ${Object.entries(result.workers).map(([n, s]) => `${n}=${s}`).join(" ")}`);
    if (twilioMode) {
      console.log("\nPut these in your .env (they are also recorded in the database):\n");
      console.log(`TWILIO_WORKSPACE_SID=${result.workspaceSid}`);
      console.log(`TWILIO_WORKFLOW_SID=${result.workflowSid}`);
      console.log(`TWILIO_TWIML_APP_SID=${result.twimlAppSid}\n`);
    }
  } finally {
    embedded?.child?.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
