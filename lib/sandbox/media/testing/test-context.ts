/**
 * A minimal SandboxContext for the media module's unit tests and its browser-test harness: the
 * core's clock (real or manual), counting SIDs, an account with one API key, an in-memory
 * debugger feed, no webhooks. (Tests of the whole sandbox use testing/test-sandbox.ts.)
 */
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { createClock } from "../../core/clock";
import type { DebuggerEntry, SandboxClock, SandboxContext } from "../../core/types";

export interface TestContext extends SandboxContext {
  debuggerEntries: DebuggerEntry[];
}

export function createTestContext(
  options: { baseUrl?: string; appUrl?: string; clock?: SandboxClock; quiet?: boolean } = {},
): TestContext {
  const debuggerEntries: DebuggerEntry[] = [];
  let counter = 0;
  const events = new EventEmitter();
  const log = (level: string) => (message: string, details?: Record<string, unknown>) => {
    if (!options.quiet) console.log(`[sandbox ${level}] ${message}`, details ?? "");
  };
  const ctx: TestContext = {
    clock: options.clock ?? createClock({ mode: "real" }),
    sids: { next: (prefix) => `${prefix}${(++counter).toString(16).padStart(32, "0")}` },
    account: {
      accountSid: `AC${randomBytes(16).toString("hex")}`,
      authToken: randomBytes(16).toString("hex"),
      apiKeys: [
        {
          sid: `SK${randomBytes(16).toString("hex")}`,
          secret: randomBytes(16).toString("hex"),
          friendlyName: "test",
        },
      ],
    },
    webhooks: { send: () => Promise.reject(new Error("no webhooks in media tests")) },
    debugger: { report: (entry) => debuggerEntries.push(entry) },
    log: { info: log("info"), warn: log("warn"), error: log("error") },
    events,
    baseUrl: options.baseUrl ?? "http://127.0.0.1:3100",
    appUrl: options.appUrl ?? "http://localhost:3000",
    dataDir: ".data",
    emit: (type, data) => events.emit("event", { type, data }),
    debuggerEntries,
  };
  return ctx;
}
