import "server-only";
/**
 * The ONE place that knows where Twilio credentials and resource SIDs come from (docs/SANDBOX.md).
 * - Twilio mode: credentials from `env.twilio`; SIDs from the environment, falling back to what
 *   provisioning recorded in `Setting` rows.
 * - Sandbox mode: credentials from `<DATA_DIR>/sandbox/credentials.json`; SIDs from the `Setting`
 *   rows `twilio.workspaceSid`, `twilio.workflowSid`, `twilio.twimlAppSid` that provisioning writes.
 * Nothing else in the app branches on mode.
 */
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { readSandboxCredentials } from "./sandbox-credentials";

export interface TwilioAccount {
  mode: "twilio" | "sandbox";
  accountSid: string;
  /** Signs webhooks (HMAC-SHA1 key) — never sent anywhere. */
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** The business number, E.164: caller ID for outbound calls and the number customers dial. */
  phoneNumber: string;
  /** Set in sandbox mode: REST calls are rewritten onto it. */
  sandboxUrl?: string;
}

export const SID_SETTING_KEYS = {
  workspaceSid: "twilio.workspaceSid",
  workflowSid: "twilio.workflowSid",
  twimlAppSid: "twilio.twimlAppSid",
} as const;

export type ResourceSidName = keyof typeof SID_SETTING_KEYS;

/** The account in use, or an `unavailable` error while the sandbox has not written its credentials. */
export function getTwilioAccount(): TwilioAccount {
  if (env.twilio) {
    const t = env.twilio;
    return {
      mode: "twilio",
      accountSid: t.accountSid,
      authToken: t.authToken,
      apiKeySid: t.apiKeySid,
      apiKeySecret: t.apiKeySecret,
      phoneNumber: t.phoneNumber,
    };
  }
  const creds = readSandboxCredentials(env.DATA_DIR);
  if (!creds) {
    throw new AppError(
      "unavailable",
      "The Twilio sandbox has not started yet (no credentials file). Start the app with `npm run dev`.",
    );
  }
  return { mode: "sandbox", ...creds, sandboxUrl: env.SANDBOX_URL };
}

const SID_CACHE_MS = 5_000;
let sidCache: { at: number; values: Partial<Record<ResourceSidName, string>> } | null = null;

/** Forgets cached SIDs (provisioning calls it after writing new ones). */
export function clearTwilioSidCache(): void {
  sidCache = null;
}

async function recordedSids(): Promise<Partial<Record<ResourceSidName, string>>> {
  if (sidCache && Date.now() - sidCache.at < SID_CACHE_MS) return sidCache.values;
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SID_SETTING_KEYS) } } });
  const values: Partial<Record<ResourceSidName, string>> = {};
  for (const [name, key] of Object.entries(SID_SETTING_KEYS) as [ResourceSidName, string][]) {
    const row = rows.find((r) => r.key === key);
    if (row && typeof row.value === "string") values[name] = row.value;
  }
  // Only a complete set is cached: right after provisioning, the next request sees the new SIDs.
  if (Object.keys(values).length === Object.keys(SID_SETTING_KEYS).length) sidCache = { at: Date.now(), values };
  return values;
}

/** True when every workspace/workflow/TwiML App SID is known (configured or provisioned). */
export async function isTelephonyProvisioned(): Promise<boolean> {
  const names = Object.keys(SID_SETTING_KEYS) as ResourceSidName[];
  const results = await Promise.allSettled(names.map((name) => getResourceSid(name)));
  return results.every((r) => r.status === "fulfilled");
}

/** A workspace/workflow/TwiML App SID, or a clear error telling the operator to provision. */
export async function getResourceSid(name: ResourceSidName): Promise<string> {
  const fromEnv = env.twilio
    ? { workspaceSid: env.twilio.workspaceSid, twimlAppSid: env.twilio.twimlAppSid, workflowSid: env.twilio.workflowSid }[name]
    : undefined;
  const sid = fromEnv ?? (await recordedSids())[name];
  if (!sid) {
    throw new AppError(
      "unavailable",
      `Twilio is not provisioned yet (${SID_SETTING_KEYS[name]} is missing). Run \`npm run twilio:provision\`.`,
    );
  }
  return sid;
}

/** The browser-reachable sandbox base URL (sandbox mode), for pointing the SDKs at it. */
export function browserSandboxUrl(): string | null {
  return env.twilio ? null : env.SANDBOX_URL;
}
