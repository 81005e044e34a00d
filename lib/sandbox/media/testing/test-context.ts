/**
 * A minimal SandboxContext for the media module's tests and its browser-test harness, until
 * they run inside the real sandbox core. Real or manual clock, counting SIDs, an account with
 * one API key, an in-memory debugger feed.
 */
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import type { Clock, DebuggerEntry, SandboxContext, TimerHandle } from "../../core/types";

export class TestClock implements Clock {
  mode: "real" | "manual";
  private manualNow = Date.now();
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; fn: () => void; real?: NodeJS.Timeout }>();

  constructor(mode: "real" | "manual" = "real") {
    this.mode = mode;
  }

  now(): number {
    return this.mode === "real" ? Date.now() : this.manualNow;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const timer: { due: number; fn: () => void; real?: NodeJS.Timeout } = { due: this.now() + ms, fn };
    if (this.mode === "real") {
      timer.real = setTimeout(() => {
        this.timers.delete(id);
        fn();
      }, ms);
      timer.real.unref();
    }
    this.timers.set(id, timer);
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const timer = this.timers.get(handle.id);
    if (timer?.real) clearTimeout(timer.real);
    this.timers.delete(handle.id);
  }

  async advance(ms: number): Promise<void> {
    if (this.mode !== "manual") throw new Error("advance needs the manual clock");
    const target = this.manualNow + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.manualNow = Math.max(this.manualNow, due[1].due);
      due[1].fn();
      await Promise.resolve();
    }
    this.manualNow = target;
  }

  setMode(mode: "real" | "manual"): void {
    this.mode = mode;
  }
}

export interface TestContext extends SandboxContext {
  debuggerEntries: DebuggerEntry[];
  clock: TestClock;
}

export function createTestContext(options: { baseUrl?: string; appUrl?: string; clock?: TestClock; quiet?: boolean } = {}): TestContext {
  const debuggerEntries: DebuggerEntry[] = [];
  let counter = 0;
  const events = new EventEmitter();
  const log = (level: string) => (message: string, details?: Record<string, unknown>) => {
    if (!options.quiet) console.log(`[sandbox ${level}] ${message}`, details ?? "");
  };
  const ctx: TestContext = {
    clock: options.clock ?? new TestClock("real"),
    sids: { next: (prefix) => `${prefix}${(++counter).toString(16).padStart(32, "0")}` },
    account: {
      accountSid: `AC${randomBytes(16).toString("hex")}`,
      authToken: randomBytes(16).toString("hex"),
      apiKeys: [{ sid: `SK${randomBytes(16).toString("hex")}`, secret: randomBytes(16).toString("hex"), friendlyName: "test" }],
    },
    webhooks: { send: () => Promise.reject(new Error("no webhooks in media tests")) },
    debugger: { report: (entry) => debuggerEntries.push(entry) },
    log: { info: log("info"), warn: log("warn"), error: log("error") },
    events,
    baseUrl: options.baseUrl ?? "http://127.0.0.1:3100",
    appUrl: options.appUrl ?? "http://localhost:3000",
    dataDir: ".data",
    debuggerEntries,
  };
  return ctx;
}
