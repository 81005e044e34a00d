/**
 * The Voice SDK's own signalling stack, pointed at the sandbox over plain `ws://`.
 *
 * `Device` builds its signalling URL as `wss://<chunderw>/signal` and has no option for the
 * scheme, but it accepts a custom `PStream` class (Device option `PStream`), and the SDK's
 * PStream accepts a `TransportFactory`. So the sandbox Device runs the SDK's real PStream and
 * WSTransport (heartbeats, backoff, reconnect, message queue) and only the URL differs: every
 * URI the SDK would use (the chunder list and the preferred URI after `connected`) is replaced
 * by the sandbox's `/voice/signal`. Both options are internal to @twilio/voice-sdk, which is
 * pinned; sdk-extension-points.test.ts fails if either disappears.
 */
// The SDK's package "exports" hide its internals; a file path reaches the same module the
// Device itself imports (one module instance in the bundle).
import PStream from "../../../../node_modules/@twilio/voice-sdk/esm/twilio/pstream.js";
import WSTransport, {
  type IWSTransportConstructorOptions,
} from "../../../../node_modules/@twilio/voice-sdk/esm/twilio/wstransport.js";

export type PStreamClass = new (
  token: string,
  uris: string[],
  options: Record<string, unknown>,
) => object;

/** A PStream class whose transport only ever connects to `signalUrl` (ws:// or wss://). */
export function createSandboxPStream(signalUrl: string): PStreamClass {
  class SandboxTransport extends WSTransport {
    constructor(_uris: string[], options?: IWSTransportConstructorOptions) {
      super([signalUrl], options);
    }

    override updatePreferredURI(uri: string | null): void {
      super.updatePreferredURI(uri === null ? null : signalUrl);
    }

    override updateURIs(_uris: string[] | string): void {
      super.updateURIs([signalUrl]);
    }
  }

  class SandboxPStream extends PStream {
    constructor(token: string, uris: string[], options: Record<string, unknown>) {
      super(token, uris, { ...options, TransportFactory: SandboxTransport });
    }
  }
  return SandboxPStream as unknown as PStreamClass;
}
