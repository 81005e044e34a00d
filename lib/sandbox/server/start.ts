/**
 * Starts a sandbox: credentials, modules, HTTP server, persisted state. Used by main.ts (the
 * process the launcher runs) and by tests (in-process, port 0, manual clock, no persistence).
 */
import fs from "node:fs";
import path from "node:path";
import { createClock } from "../core/clock";
import {
  accountFromCredentials,
  BUSINESS_NUMBER,
  generateCredentials,
  loadOrCreateCredentials,
  type SandboxCredentials,
} from "../core/credentials";
import { consoleLogger, createSandbox, type Sandbox, type SandboxSnapshot } from "../core/sandbox";
import type { SandboxLogger, SandboxModuleFactory } from "../core/types";
import { controlModule } from "./control";
import { listen, type SandboxServer } from "./http";
import { engineModules } from "./modules";

export interface StartOptions {
  port: number;
  host?: string;
  appUrl: string;
  dataDir?: string;
  /** Given credentials (tests); otherwise read or created in <dataDir>/sandbox/credentials.json. */
  credentials?: SandboxCredentials;
  clockMode?: "real" | "manual";
  /** Real ms after which pending webhook I/O counts as blocked for settle/advance (default 2000). */
  stallMs?: number;
  /** Restore <dataDir>/sandbox/state.json on start and write it on close. */
  persist?: boolean;
  /** Replaces the registry (tests that mount a subset or a fake module). */
  modules?: (options: { phoneNumber: string }) => SandboxModuleFactory[];
  log?: SandboxLogger;
}

export interface RunningSandbox {
  sandbox: Sandbox;
  server: SandboxServer;
  url: string;
  credentials: SandboxCredentials;
  close(): Promise<void>;
}

export function statePath(dataDir: string): string {
  return path.join(dataDir, "sandbox", "state.json");
}

export async function startSandbox(options: StartOptions): Promise<RunningSandbox> {
  const dataDir = options.dataDir ?? ".data";
  const credentials =
    options.credentials ??
    (options.persist === false
      ? generateCredentials(BUSINESS_NUMBER)
      : loadOrCreateCredentials(dataDir));
  const log = options.log ?? consoleLogger();
  // The control module needs the sandbox it is part of: bound late, read at request time.
  const holder: { sandbox?: Sandbox } = {};
  const factories: SandboxModuleFactory[] = [
    () => controlModule(() => holder.sandbox!),
    ...(options.modules ?? engineModules)({ phoneNumber: credentials.phoneNumber }),
  ];
  const sandbox = createSandbox({
    account: accountFromCredentials(credentials),
    phoneNumber: credentials.phoneNumber,
    modules: factories,
    appUrl: options.appUrl,
    dataDir,
    clock: createClock({ mode: options.clockMode ?? "real", stallMs: options.stallMs }),
    log,
  });
  holder.sandbox = sandbox;
  const file = statePath(dataDir);
  if (options.persist && fs.existsSync(file)) {
    try {
      sandbox.restore(JSON.parse(fs.readFileSync(file, "utf-8")) as SandboxSnapshot);
      log.info(`restored state from ${file}`);
    } catch (error) {
      log.warn(
        `ignoring saved state ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const server = await listen(sandbox, { port: options.port, host: options.host });
  let closed = false;
  return {
    sandbox,
    server,
    url: server.url,
    credentials,
    async close() {
      if (closed) return;
      closed = true;
      if (options.persist) saveState(sandbox, file);
      await server.close();
      await sandbox.close();
    },
  };
}

/** Synchronous so it also works from a signal handler. */
export function saveState(sandbox: Sandbox, file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(sandbox.snapshot()));
}
