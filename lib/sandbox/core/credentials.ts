/**
 * Stable sandbox credentials (docs/SANDBOX.md "Credentials file"): created on first start in
 * `<data-dir>/sandbox/credentials.json` and reused afterwards, so the app and the sandbox agree
 * across restarts. The file is the only place the app learns them in sandbox mode.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createSidFactory, isSid } from "./sids";
import type { SandboxAccount } from "./types";

export interface SandboxCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  phoneNumber: string;
}

export const BUSINESS_NUMBER = "+12025550100";

export function credentialsPath(dataDir: string): string {
  return path.join(dataDir, "sandbox", "credentials.json");
}

export function generateCredentials(phoneNumber = BUSINESS_NUMBER): SandboxCredentials {
  const sids = createSidFactory();
  return {
    accountSid: sids.next("AC"),
    authToken: crypto.randomBytes(16).toString("hex"),
    apiKeySid: sids.next("SK"),
    // Twilio API key secrets are 32 characters of base62.
    apiKeySecret: crypto
      .randomBytes(24)
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 32)
      .padEnd(32, "x"),
    phoneNumber,
  };
}

function valid(c: Partial<SandboxCredentials>): c is SandboxCredentials {
  return (
    isSid(c.accountSid, "AC") &&
    typeof c.authToken === "string" &&
    /^[0-9a-f]{32}$/.test(c.authToken) &&
    isSid(c.apiKeySid, "SK") &&
    typeof c.apiKeySecret === "string" &&
    c.apiKeySecret.length >= 32 &&
    typeof c.phoneNumber === "string" &&
    /^\+[1-9]\d{6,14}$/.test(c.phoneNumber)
  );
}

/** Reads the credentials file, creating it (mode 0600) when missing. A corrupt file is an error, not silently replaced. */
export function loadOrCreateCredentials(dataDir: string): SandboxCredentials {
  const file = credentialsPath(dataDir);
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, "utf-8")) as Partial<SandboxCredentials>;
    if (!valid(parsed))
      throw new Error(
        `${file} is not a valid sandbox credentials file; delete it to generate new credentials`,
      );
    return parsed;
  }
  const credentials = generateCredentials();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2) + "\n", { mode: 0o600 });
  return credentials;
}

export function accountFromCredentials(c: SandboxCredentials): SandboxAccount {
  return {
    accountSid: c.accountSid,
    authToken: c.authToken,
    apiKeys: [
      { sid: c.apiKeySid, secret: c.apiKeySecret, friendlyName: "Switchboard sandbox key" },
    ],
  };
}
