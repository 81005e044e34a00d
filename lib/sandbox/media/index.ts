/**
 * The sandbox's media module: publishes `ctx.media` (MediaApi) and serves the browser endpoints
 * `ws /voice/signal` (the real Voice SDK Device) and `ws /phone/signal` (the console's customer
 * phone), plus the Device's UI sounds at `GET /voice/sounds/:name.wav`.
 */
import type {
  EndpointKind,
  MediaApi,
  PromptSpec,
  SandboxContext,
  SandboxModule,
  SandboxModuleFactory,
} from "../core/types";
import { MediaEngine } from "./media-engine";
import { VoiceSignalServer } from "./signal/voice-signal";
import { PhoneSignalServer } from "./signal/phone-signal";
import { deviceSound } from "./audio/tones";
import { encodeWav } from "./audio/wav";
import { MEDIA_SUPPORT } from "./support";
import { PHONE_SIGNAL_PATH, E164 } from "./browser/phone-protocol";

export const VOICE_SIGNAL_PATH = "/voice/signal";
/** Identical captions within this window are one caption (play() captions `<Say>` itself). */
const CAPTION_DEDUPE_MS = 3_000;

export interface MediaModuleOptions {
  /** For `<Play>` fetches (tests). */
  fetch?: typeof fetch;
}

/** The factory mounted in lib/sandbox/server/modules.ts. */
export const mediaModule: SandboxModuleFactory = (ctx) => createMediaModule(ctx);

export function createMediaModule(
  ctx: SandboxContext,
  options: MediaModuleOptions = {},
): SandboxModule {
  const engine = new MediaEngine(ctx, options);
  const devices = new VoiceSignalServer(ctx, engine);
  const phones = new PhoneSignalServer(ctx, engine);
  const lastCaption = new Map<string, { text: string; at: number }>();

  function caption(callSid: string, text: string): void {
    const previous = lastCaption.get(callSid);
    const now = Date.now();
    if (previous && previous.text === text && now - previous.at < CAPTION_DEDUPE_MS) return;
    lastCaption.set(callSid, { text, at: now });
    // A greeting may be spoken while the phone's call is still being created.
    void engine.settled(callSid).then(() => phones.caption(callSid, text));
  }

  const api: MediaApi = {
    endpointFor(address: string): EndpointKind {
      if (address.startsWith("client:")) return "client";
      return E164.test(address) && phones.hasPhone(address) ? "phone" : "pstn";
    },

    async ring(address, call) {
      if (address.startsWith("client:")) {
        // `client:alice?name=value` carries custom parameters, as REST-created calls allow.
        const [identity, query] = address.slice("client:".length).split("?", 2) as [
          string,
          string | undefined,
        ];
        const customParameters = {
          ...Object.fromEntries(new URLSearchParams(query ?? "")),
          ...call.customParameters,
        };
        return devices.ring(identity, { ...call, customParameters });
      }
      return phones.ring(address, call);
    },

    cancelRing(callSid) {
      devices.cancelRing(callSid);
      phones.cancelRing(callSid);
    },

    caption,

    setRouting(routes) {
      engine.setRouting(routes);
    },

    play(callSid: string, prompt: PromptSpec) {
      if (prompt.kind === "say" && prompt.text) caption(callSid, prompt.text);
      return engine.play(callSid, prompt);
    },

    stopPlayback(callSid) {
      engine.stopPlayback(callSid);
    },

    startRecording(key, callSids) {
      engine.startRecording(key, callSids);
    },

    async stopRecording(key) {
      return engine.stopRecording(key);
    },

    release(callSid) {
      devices.release(callSid);
      phones.release(callSid);
      engine.release(callSid);
      lastCaption.delete(callSid);
    },
  };
  ctx.media = api;

  return {
    name: "media",
    routes: [
      {
        method: "GET",
        pattern: "/voice/sounds/:name",
        auth: "none",
        handler(request) {
          const name = request.params.name?.replace(/\.wav$/, "") ?? "";
          const pcm = deviceSound(name);
          if (!pcm)
            return { status: 404, body: { code: 20404, message: "Sound not found", status: 404 } };
          return {
            status: 200,
            headers: {
              "content-type": "audio/wav",
              "cache-control": "public, max-age=86400",
              "access-control-allow-origin": "*",
            },
            body: encodeWav(pcm, 16000),
          };
        },
      },
    ],
    wsRoutes: [
      { path: VOICE_SIGNAL_PATH, onConnection: (socket) => devices.accept(socket) },
      {
        path: PHONE_SIGNAL_PATH,
        onConnection: (socket, request) => phones.accept(socket, request),
      },
    ],
    support: MEDIA_SUPPORT,
    reset() {
      devices.reset();
      phones.reset();
      engine.reset();
      lastCaption.clear();
    },
    state() {
      return { devices: devices.registrations(), phones: phones.numbers(), legs: engine.state() };
    },
    async close() {
      devices.close();
      phones.close();
      await engine.close();
    },
  };
}
