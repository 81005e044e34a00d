/**
 * The sandbox points the real Voice SDK at itself through options that are internal to
 * @twilio/voice-sdk (`PStream`, `chunderw`, `publishEvents`) and through the SDK's PStream
 * `TransportFactory`. They are not covered by semver: this test fails when an upgrade removes or
 * changes them, before any browser notices.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The package's "exports" hide everything but its entry points; read the installed files.
const sdkRoot = `${path.resolve("node_modules/@twilio/voice-sdk")}/`;
const source = (file: string) => readFileSync(`${sdkRoot}esm/twilio/${file}`, "utf8");

const constructed: string[] = [];
class FakeWebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  readyState = 0;
  constructor(readonly url: string) {
    constructed.push(url);
  }
  addEventListener() {}
  removeEventListener() {}
  send() {}
  close() {}
}

describe("@twilio/voice-sdk extension points the sandbox relies on", () => {
  beforeAll(() => {
    // WSTransport captures globalThis.WebSocket when its module loads.
    (globalThis as { WebSocket?: unknown }).WebSocket = FakeWebSocket;
  });

  it("is pinned to the exact version these points were verified against", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies["@twilio/voice-sdk"]).toBe("2.18.5");
    expect(
      (JSON.parse(readFileSync(`${sdkRoot}package.json`, "utf8")) as { version: string }).version,
    ).toBe("2.18.5");
  });

  it("Device still builds its signalling stream from the PStream option and chunderw, and can disable Insights", () => {
    const device = source("device.js");
    expect(device).toContain(
      "new (this._options.PStream || PStream)(this.token, this._chunderURIs",
    );
    expect(device).toMatch(/typeof this\._options\.chunderw === 'string'/);
    expect(device).toContain("this._options.publishEvents === false");
    expect(device).toContain("this._options.sounds && this._options.sounds[name]");
  });

  it("PStream still takes its transport from options.TransportFactory", () => {
    const pstream = source("pstream.js");
    expect(pstream).toContain("TransportFactory: WSTransport");
    expect(pstream).toContain("new this.options.TransportFactory(this._uris");
  });

  it("the sandbox PStream connects the SDK's own transport to the sandbox URL only", async () => {
    const { createSandboxPStream } = await import("./sandbox-pstream");
    const signalUrl = "ws://127.0.0.1:3100/voice/signal";
    const SandboxPStream = createSandboxPStream(signalUrl);
    const stream = new SandboxPStream("token", ["wss://127.0.0.1:3100/voice/signal"], {
      backoffMaxMs: 1000,
    }) as {
      transport: {
        updatePreferredURI(uri: string | null): void;
        updateURIs(uris: string[]): void;
        _preferredUri: string | null;
        _uris: string[];
      };
      destroy(): void;
    };
    expect(constructed).toEqual([signalUrl]);
    // After `connected` the Device points the transport at its preferred (edge) URI; after an
    // edge change at new URIs. Neither may leave the sandbox.
    stream.transport.updatePreferredURI("wss://voice-js.ashburn.twilio.com/signal");
    expect(stream.transport._preferredUri).toBe(signalUrl);
    stream.transport.updateURIs(["wss://voice-js.dublin.twilio.com/signal"]);
    expect(stream.transport._uris).toEqual([signalUrl]);
    stream.transport.updatePreferredURI(null);
    expect(stream.transport._preferredUri).toBeNull();
    stream.destroy();
  });
});
