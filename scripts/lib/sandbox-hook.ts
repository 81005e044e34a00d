/**
 * Starts the local Twilio sandbox when the app runs without Twilio credentials.
 *
 * THE HOOK: the sandbox (lib/sandbox, its own process) is not part of the foundation yet. Until it
 * exists this reports that no sandbox was started, and the console says so.
 */
import type { Env } from "@/lib/env";

export interface StartedSandbox {
  url: string;
}

export async function startSandboxIfNeeded(config: Env, _childEnv: NodeJS.ProcessEnv): Promise<StartedSandbox | null> {
  if (config.mode !== "sandbox") return null;
  return null;
}
