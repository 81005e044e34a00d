/** Child-process supervision for the launcher: one Ctrl-C stops all, one death stops all. */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import net from "node:net";

export interface Supervised {
  name: string;
  child: ChildProcess;
}

const children: Supervised[] = [];
let shuttingDown = false;
let exitCode = 0;

// Children share the launcher's process group: a Ctrl-C in the terminal, or a test runner
// killing the group, reaches every one of them even if the launcher itself is killed first.
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
}

export async function shutdown(code: number, reason?: string): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    exitCode = code;
    if (reason) console.error(`\n${reason}`);
    for (const { child } of [...children].reverse()) killGroup(child, "SIGTERM");
    const deadline = Date.now() + 8000;
    while (children.some(({ child }) => child.exitCode === null && child.signalCode === null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const { child } of children) killGroup(child, "SIGKILL");
    process.exit(exitCode);
  }
  return new Promise<never>(() => {});
}

export function installSignalHandlers() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void shutdown(signal === "SIGINT" ? 0 : 143));
  }
  process.on("exit", () => {
    for (const { child } of children) killGroup(child, "SIGKILL");
  });
}

/** Starts a long-running child; if it exits on its own, everything stops with its exit code. */
export function supervise(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", ...options });
  children.push({ name, child });
  child.on("exit", (code, signal) => {
    if (shuttingDown) return;
    const status = code ?? (signal ? 128 + (signal === "SIGKILL" ? 9 : 15) : 1);
    void shutdown(status === 0 ? 1 : status, `${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
  });
  child.on("error", (error) => {
    if (!shuttingDown) void shutdown(1, `${name} failed to start: ${error.message}`);
  });
  return child;
}

/** Runs a command to completion; rejects with its output on failure. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with code ${code}`))));
  });
}

export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (shuttingDown) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}
