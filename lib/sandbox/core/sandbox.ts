/**
 * Composes the sandbox: the shared context (clock, SIDs, account, webhooks, debugger, events),
 * the modules mounted on it, and whole-sandbox operations (reset, seed, snapshot, restore).
 * HTTP and WebSocket glue is in lib/sandbox/server.
 */
import { EventEmitter } from "node:events";
import { createClock } from "./clock";
import { createDebugger, type DebuggerStore } from "./debugger";
import { Router } from "./router";
import { createSidFactory } from "./sids";
import { createWebhookClient, type WebhookLog } from "./webhooks";
import type {
  SandboxAccount,
  SandboxClock,
  SandboxContext,
  SandboxLogger,
  SandboxModule,
  SandboxModuleFactory,
  SupportEntry,
  WsRoute,
} from "./types";

export interface SandboxOptions {
  account: SandboxAccount;
  /** The seeded business number (credentials file `phoneNumber`). */
  phoneNumber: string;
  modules: SandboxModuleFactory[];
  appUrl: string;
  /** Set again by the server once it listens (port 0 in tests). */
  baseUrl?: string;
  dataDir?: string;
  clock?: SandboxClock;
  log?: SandboxLogger;
}

export interface Sandbox {
  ctx: SandboxContext;
  modules: SandboxModule[];
  router: Router;
  wsRoutes: WsRoute[];
  webhookLog: WebhookLog;
  debugger: DebuggerStore;
  phoneNumber: string;
  reset(): void;
  snapshot(): SandboxSnapshot;
  restore(snapshot: SandboxSnapshot): void;
  support(): (SupportEntry & { module: string })[];
  state(): Record<string, unknown>;
  close(): Promise<void>;
}

export interface SandboxSnapshot {
  version: 1;
  savedAt: number;
  accountSid: string;
  modules: Record<string, unknown>;
}

const E164 = /\+\d{6,15}/g;

/** Masks phone numbers in log details (the app's rule applies here too): +12025550123 → +1202555****. */
export function maskPhones(text: string): string {
  return text.replace(E164, (n) => n.slice(0, -4) + "****");
}

export function consoleLogger(quiet = false): SandboxLogger {
  const line = (level: string, message: string, details?: Record<string, unknown>) =>
    `[sandbox] ${level} ${message}${details ? " " + maskPhones(JSON.stringify(details)) : ""}`;
  return {
    info: (m, d) => {
      if (!quiet) console.log(line("info", m, d));
    },
    warn: (m, d) => {
      if (!quiet) console.warn(line("warn", m, d));
    },
    error: (m, d) => console.error(line("error", m, d)),
  };
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const clock = options.clock ?? createClock();
  const log = options.log ?? consoleLogger();
  const emit = (type: string, data: unknown) => events.emit("event", { type, data });
  const debuggerStore = createDebugger({
    clock,
    emit,
    log: (entry) =>
      (entry.level === "error" ? log.warn : log.info)(
        `debugger ${entry.level} ${entry.code}: ${entry.message}`,
        entry.url ? { url: entry.url } : undefined,
      ),
  });
  const ctx: SandboxContext = {
    clock,
    sids: createSidFactory(),
    account: options.account,
    webhooks: undefined as never,
    debugger: debuggerStore,
    log,
    events,
    emit,
    baseUrl: options.baseUrl ?? "http://127.0.0.1:3100",
    appUrl: options.appUrl.replace(/\/+$/, ""),
    dataDir: options.dataDir ?? ".data",
  };
  const webhooks = createWebhookClient({
    account: () => ctx.account,
    clock,
    debugger: debuggerStore,
    emit,
  });
  ctx.webhooks = webhooks;

  const modules: SandboxModule[] = [];
  const router = new Router();
  const wsRoutes: WsRoute[] = [];
  for (const factory of options.modules) {
    const mod = factory(ctx);
    if (modules.some((m) => m.name === mod.name))
      throw new Error(`Two sandbox modules are named ${mod.name}`);
    modules.push(mod);
    for (const route of mod.routes ?? []) router.add(route, mod.name);
    for (const ws of mod.wsRoutes ?? []) wsRoutes.push(ws);
  }
  for (const mod of modules) mod.seed?.();

  const sandbox: Sandbox = {
    ctx,
    modules,
    router,
    wsRoutes,
    webhookLog: webhooks.log,
    debugger: debuggerStore,
    phoneNumber: options.phoneNumber,
    reset() {
      for (const mod of modules) mod.reset?.();
      webhooks.log.clear();
      debuggerStore.clear();
      for (const mod of modules) mod.seed?.();
      emit("sandbox.reset", { at: clock.now() });
    },
    snapshot() {
      const state: Record<string, unknown> = {};
      for (const mod of modules) if (mod.snapshot) state[mod.name] = mod.snapshot();
      return {
        version: 1,
        savedAt: clock.now(),
        accountSid: ctx.account.accountSid,
        modules: state,
      };
    },
    restore(snapshot) {
      if (!snapshot || snapshot.version !== 1 || typeof snapshot.modules !== "object")
        throw new Error("Not a sandbox snapshot (version 1)");
      if (snapshot.accountSid !== ctx.account.accountSid) {
        throw new Error(
          `The snapshot belongs to account ${snapshot.accountSid}, this sandbox runs ${ctx.account.accountSid}`,
        );
      }
      for (const mod of modules) {
        mod.reset?.();
        if (mod.name in snapshot.modules && mod.restore) mod.restore(snapshot.modules[mod.name]);
        else mod.seed?.();
      }
      emit("sandbox.restored", { at: clock.now() });
    },
    support() {
      return modules.flatMap((m) => (m.support ?? []).map((row) => ({ module: m.name, ...row })));
    },
    state() {
      const state: Record<string, unknown> = {};
      for (const mod of modules) if (mod.state) state[mod.name] = mod.state();
      return state;
    },
    async close() {
      for (const mod of [...modules].reverse()) await mod.close?.();
      clock.close();
    },
  };
  return sandbox;
}
