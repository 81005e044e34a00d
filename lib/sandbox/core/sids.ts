/** Twilio-shaped identifiers: a two-letter prefix and 32 lowercase hex characters. */
import crypto from "node:crypto";
import type { SidFactory } from "./types";

export function createSidFactory(): SidFactory {
  return {
    next(prefix: string) {
      if (!/^[A-Z]{2}$/.test(prefix))
        throw new Error(`SID prefix must be two capital letters, got ${prefix}`);
      return prefix + crypto.randomBytes(16).toString("hex");
    },
  };
}

export function isSid(value: string | undefined, prefix: string): value is string {
  return typeof value === "string" && new RegExp(`^${prefix}[0-9a-f]{32}$`).test(value);
}

/** 32 lowercase hex characters (auth tokens). */
export function randomHex(bytes = 16): string {
  return crypto.randomBytes(bytes).toString("hex");
}
