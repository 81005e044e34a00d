/**
 * Provisioning with its own clients, for callers outside Next.js: the launcher (against the
 * sandbox on every start) and `npm run twilio:provision`.
 */
import { createPrismaClient } from "@/lib/server/db/create-client";
import { createTwilioClient } from "../create-client";
import { provisionTwilio, type ProvisionResult } from "./provision-twilio";

export interface RunProvisioningOptions {
  databaseUrl: string;
  account: { accountSid: string; apiKeySid: string; apiKeySecret: string; phoneNumber: string };
  /** Set in sandbox mode: every request goes to the sandbox instead of *.twilio.com. */
  sandboxUrl?: string;
  publicBaseUrl: string;
  log?: (message: string) => void;
}

export async function runProvisioning(options: RunProvisioningOptions): Promise<ProvisionResult> {
  const db = createPrismaClient(options.databaseUrl, { poolSize: 1 });
  try {
    const client = createTwilioClient(options.account, { sandboxUrl: options.sandboxUrl });
    return await provisionTwilio({ client, db, publicBaseUrl: options.publicBaseUrl, phoneNumber: options.account.phoneNumber, log: options.log });
  } finally {
    await db.$disconnect();
  }
}
