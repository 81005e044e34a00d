/**
 * Starts the local Twilio sandbox (lib/sandbox, its own process) when the app runs without
 * Twilio credentials. It runs as a supervised child: if it dies, the launcher stops everything.
 * The sandbox writes its credentials to <DATA_DIR>/sandbox/credentials.json, which the app reads
 * in sandbox mode.
 */
import path from "node:path";
import type { Env } from "@/lib/env";
import { supervise, waitFor } from "./processes";

export interface StartedSandbox {
  url: string;
  /** False when a sandbox was already answering on SANDBOX_URL and was reused. */
  started: boolean;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/sandbox/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function startSandboxIfNeeded(
  config: Env,
  childEnv: NodeJS.ProcessEnv,
): Promise<StartedSandbox | null> {
  if (config.mode !== "sandbox") return null;
  const url = config.SANDBOX_URL;
  if (await healthy(url)) return { url, started: false };
  const env: NodeJS.ProcessEnv = { ...childEnv };
  // The sandbox refuses to start next to real credentials; in sandbox mode there are none, but
  // an empty inherited variable must not trip it either.
  for (const key of Object.keys(env)) if (key.startsWith("TWILIO_") && !env[key]) delete env[key];
  supervise(
    "Sandbox",
    path.resolve("node_modules/.bin/tsx"),
    [
      "lib/sandbox/server/main.ts",
      "--port",
      String(config.SANDBOX_PORT),
      "--data-dir",
      config.DATA_DIR,
      "--app-url",
      config.PUBLIC_BASE_URL,
    ],
    { env },
  );
  await waitFor(() => healthy(url), "the sandbox to answer /sandbox/health", 60_000);
  return { url, started: true };
}
