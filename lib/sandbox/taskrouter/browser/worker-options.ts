/**
 * The `twilio-taskrouter` Worker options for the mode the app's token route reports, so the
 * agent console constructs the Worker the same way in both modes (as device-options.ts does for
 * the Voice SDK). Twilio mode: the SDK's defaults. Sandbox mode: the SDK's own `ebServer` /
 * `wsServer` overrides pointed at the sandbox's event bridge.
 */
import type { TokenAnswer } from "../../media/browser/device-options";

export interface WorkerConnectionOptions {
  ebServer?: string;
  wsServer?: string;
}

export function taskRouterWorkerOptions(answer: TokenAnswer): WorkerConnectionOptions {
  if (answer.mode !== "sandbox") return {};
  if (!answer.sandbox?.baseUrl)
    throw new Error(
      "The token answer is in sandbox mode but does not say where the sandbox listens (sandbox.baseUrl).",
    );
  const base = new URL(answer.sandbox.baseUrl);
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new Error(`Unsupported sandbox URL ${answer.sandbox.baseUrl}`);
  const path = "/taskrouter/v1/wschannels";
  return {
    ebServer: `${base.origin}${path}`,
    wsServer: `${base.protocol === "https:" ? "wss" : "ws"}://${base.host}${path}`,
  };
}
