/**
 * Builds the Voice SDK `Device` options for the mode the app's token route reports, so
 * components construct the Device the same way in both modes:
 *
 * ```ts
 * const answer = await fetch("/api/tokens/voice").then((r) => r.json());
 * const device = new Device(answer.token, { ...voiceDeviceOptions(answer), closeProtection: true });
 * ```
 *
 * Twilio mode: `{}` (the SDK's defaults). Sandbox mode: signalling to the sandbox's
 * `/voice/signal` through the SDK's own PStream (sandbox-pstream.ts), no Insights publishing
 * (it would post to eventgw.twilio.com), PCMU (the only codec the sandbox speaks) and the UI
 * sounds served by the sandbox instead of sdk.twilio.com.
 */
import { Call, type Device } from "@twilio/voice-sdk";
import { createSandboxPStream, type PStreamClass } from "./sandbox-pstream";

/** What the app's token routes answer (issue 3): `{ token, identity, expiresAt, mode, sandbox? }`. */
export interface TokenAnswer {
  token: string;
  mode: "twilio" | "sandbox";
  sandbox?: { baseUrl: string } | null;
}

/** Public Device options plus the SDK's internal `chunderw`, `PStream` and `publishEvents`. */
export type SandboxDeviceOptions = Device.Options & {
  chunderw: string;
  PStream: PStreamClass;
  publishEvents: false;
};

const SOUND_FILES: Record<Device.SoundName, string> = {
  incoming: "incoming",
  outgoing: "outgoing",
  disconnect: "disconnect",
  dtmf0: "dtmf-0",
  dtmf1: "dtmf-1",
  dtmf2: "dtmf-2",
  dtmf3: "dtmf-3",
  dtmf4: "dtmf-4",
  dtmf5: "dtmf-5",
  dtmf6: "dtmf-6",
  dtmf7: "dtmf-7",
  dtmf8: "dtmf-8",
  dtmf9: "dtmf-9",
  dtmfs: "dtmf-star",
  dtmfh: "dtmf-hash",
};

const pstreamClasses = new Map<string, PStreamClass>();

export function voiceDeviceOptions(
  answer: TokenAnswer,
): SandboxDeviceOptions | Record<string, never> {
  if (answer.mode !== "sandbox") return {};
  if (!answer.sandbox?.baseUrl)
    throw new Error(
      "The token answer is in sandbox mode but does not say where the sandbox listens (sandbox.baseUrl).",
    );
  const base = new URL(answer.sandbox.baseUrl);
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new Error(`Unsupported sandbox URL ${answer.sandbox.baseUrl}`);
  const origin = base.origin;
  const signalUrl = `${base.protocol === "https:" ? "wss" : "ws"}://${base.host}/voice/signal`;
  // One class per URL: the Device compares nothing, but React re-renders should not mint classes.
  let PStream = pstreamClasses.get(signalUrl);
  if (!PStream) {
    PStream = createSandboxPStream(signalUrl);
    pstreamClasses.set(signalUrl, PStream);
  }
  return {
    // The SDK derives wss://<chunderw>/signal from this; the sandbox PStream replaces it with
    // signalUrl, but setting it keeps the Device from computing Twilio edge URLs at all.
    chunderw: `${base.host}/voice`,
    PStream,
    publishEvents: false,
    codecPreferences: [Call.Codec.PCMU],
    sounds: Object.fromEntries(
      Object.entries(SOUND_FILES).map(([name, file]) => [
        name,
        `${origin}/voice/sounds/${file}.wav`,
      ]),
    ) as Record<Device.SoundName, string>,
  };
}
