/**
 * An in-process sandbox for tests: port 0, manual clock, no files, quiet log, plus a webhook
 * recorder standing in for the app and a twilio client pointed at the sandbox.
 */
import { startSandbox, type RunningSandbox, type StartOptions } from "../server/start";
import { generateCredentials } from "../core/credentials";
import type { SandboxLogger } from "../core/types";
import { sandboxTwilioClient } from "./twilio-client";
import { startWebhookRecorder, type WebhookRecorder } from "./webhook-recorder";

export const quietLogger: SandboxLogger = { info: () => {}, warn: () => {}, error: () => {} };

export interface TestSandbox extends RunningSandbox {
  app: WebhookRecorder;
  client: ReturnType<typeof sandboxTwilioClient>;
  /** Lets everything that needs no clock time happen (webhooks answered, TwiML run). */
  settle(): Promise<void>;
  advance(ms: number): Promise<void>;
}

export async function startTestSandbox(options: Partial<StartOptions> = {}): Promise<TestSandbox> {
  const credentials = options.credentials ?? generateCredentials();
  const app = await startWebhookRecorder(() => credentials.authToken);
  const running = await startSandbox({
    port: 0,
    appUrl: app.url,
    credentials,
    clockMode: "manual",
    // A loaded CI machine may take a while to answer; tests that want a hanging app use their own clock.
    stallMs: 10_000,
    persist: false,
    log: quietLogger,
    ...options,
  });
  const client = sandboxTwilioClient(running.url, credentials);
  return {
    ...running,
    app,
    client,
    settle: () => running.sandbox.ctx.clock.settle(),
    advance: (ms) => running.sandbox.ctx.clock.advance(ms),
    async close() {
      await running.close();
      await app.close();
    },
  };
}
