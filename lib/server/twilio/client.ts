import "server-only";
/**
 * The app's Twilio REST client: one per credentials, created on first use. Every call goes
 * through `SwitchboardHttpClient` (retries, sandbox host rewrite).
 * https://www.twilio.com/docs/libraries/reference/twilio-node/
 */
import type { Twilio } from "twilio";
import { logger } from "@/lib/server/logger";
import { getTwilioAccount } from "./config";
import { createTwilioClient } from "./create-client";

const globalForTwilio = globalThis as unknown as {
  switchboardTwilio?: { key: string; client: Twilio };
  /** Tests put a fake client here. */
  switchboardTwilioOverride?: Twilio;
};

export function getTwilioClient(): Twilio {
  if (globalForTwilio.switchboardTwilioOverride) return globalForTwilio.switchboardTwilioOverride;
  const account = getTwilioAccount();
  const key = `${account.accountSid}:${account.apiKeySid}:${account.sandboxUrl ?? ""}`;
  if (globalForTwilio.switchboardTwilio?.key !== key) {
    globalForTwilio.switchboardTwilio = {
      key,
      client: createTwilioClient(account, {
        sandboxUrl: account.sandboxUrl,
        onRetry: (info) => logger.warn(info, "retrying Twilio request"),
      }),
    };
  }
  return globalForTwilio.switchboardTwilio.client;
}

/** For unit tests: replaces the client with a fake (pass null to restore). */
export function setTwilioClientForTests(client: Twilio | null): void {
  globalForTwilio.switchboardTwilioOverride = client ?? undefined;
}
