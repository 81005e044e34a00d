import { afterEach, describe, expect, it, vi } from "vitest";
import { MediaEngine } from "./media-engine";
import { RtcEndpoint } from "./rtc/rtc-endpoint";
import { FRAME_SAMPLES } from "./audio/mulaw";
import { createTestContext } from "./testing/test-context";
import { createMediaModule } from "./index";
import { decodeWav } from "./audio/wav";

/**
 * The whole server-side media path without a browser: two werift "browsers" (full ICE agents,
 * as browsers are) connect to the engine, one through an offer from the sandbox (a Device
 * ringing), one offering itself (a customer phone dialling).
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

interface FakeBrowser {
  endpoint: RtcEndpoint;
  heard: number[];
  talk(level: number): void;
}

function browserHandlers(heard: number[]) {
  return {
    onAudio: (pcm: Int16Array) => heard.push(Math.max(...Array.from(pcm, Math.abs))),
    onDigit: () => undefined,
    onState: () => undefined,
  };
}

function talker(endpoint: RtcEndpoint): (level: number) => void {
  let timer: NodeJS.Timeout | null = null;
  cleanups.push(() => {
    if (timer) clearInterval(timer);
  });
  return (level) => {
    if (timer) clearInterval(timer);
    timer = setInterval(() => endpoint.sendFrame(new Int16Array(FRAME_SAMPLES).fill(level)), 20);
  };
}

describe("MediaEngine with real peer connections", () => {
  it("bridges two browser legs, plays a prompt to one and records the mix", async () => {
    const ctx = createTestContext({ quiet: true });
    const engine = new MediaEngine(ctx);
    cleanups.push(() => engine.close());

    // Leg A: the sandbox offers (incoming call to a Device).
    const legA = await engine.makeOffer();
    const heardA: number[] = [];
    const browserA = await RtcEndpoint.answer(legA.localSdp, browserHandlers(heardA), {
      iceLite: false,
    });
    await legA.endpoint.acceptAnswer(browserA.localSdp);
    // Leg B: the browser offers (customer phone dialling).
    const heardB: number[] = [];
    const browserB = await RtcEndpoint.offer(browserHandlers(heardB), { iceLite: false });
    const legB = await engine.answerOffer(browserB.localSdp);
    await browserB.acceptAnswer(legB.localSdp);
    cleanups.push(
      () => browserA.close(),
      () => browserB.close(),
    );
    const a: FakeBrowser = { endpoint: browserA, heard: heardA, talk: talker(browserA) };
    const b: FakeBrowser = { endpoint: browserB, heard: heardB, talk: talker(browserB) };

    engine.bind(legA, "CAa");
    engine.bind(legB, "CAb");
    await until(
      () =>
        legA.connected &&
        legB.connected &&
        browserA.state === "connected" &&
        browserB.state === "connected",
      "four ends connected",
    );
    engine.setRouting([
      { callSid: "CAa", hears: ["CAb"] },
      { callSid: "CAb", hears: ["CAa"] },
    ]);
    engine.startRecording("RE1", ["CAa", "CAb"]);
    a.talk(3000);
    b.talk(9000);
    // µ-law keeps levels within a few percent.
    await until(
      () =>
        a.heard.some((v) => Math.abs(v - 9000) < 500) &&
        b.heard.some((v) => Math.abs(v - 3000) < 200),
      "each hears the other",
    );

    // A prompt to A only: A hears it on top of B; B does not.
    a.heard.length = 0;
    b.heard.length = 0;
    await engine.play("CAa", { kind: "tone", durationMs: 400 });
    expect(Math.max(...a.heard)).toBeGreaterThan(9500);
    expect(Math.max(...b.heard)).toBeLessThan(3300);

    // Routing changes take effect: A on hold hears hold music, B hears nobody.
    engine.setRouting([
      { callSid: "CAa", hears: [], prompt: { kind: "play", url: "sandbox:hold-music" } },
      { callSid: "CAb", hears: [] },
    ]);
    b.heard.length = 0;
    await until(() => b.heard.length > 20, "more audio to B");
    expect(Math.max(...b.heard.slice(5))).toBe(0);

    const recording = engine.stopRecording("RE1");
    expect(recording).not.toBeNull();
    const decoded = decodeWav(recording!.wav);
    expect(decoded.sampleRate).toBe(8000);
    // Both voices were mixed into the recording: some frames carry about 3000 + 9000.
    const peak = Math.max(...Array.from(decoded.samples, (s) => Math.round(Math.abs(s) * 32768)));
    expect(peak).toBeGreaterThan(11_000);
    expect(engine.stopRecording("RE1")).toBeNull();

    engine.release("CAa");
    expect(engine.hasEndpoint("CAa")).toBe(false);
    await until(
      () => browserA.state !== "connected" || legA.endpoint.state === "closed",
      "leg A closed",
    );
    expect(legA.endpoint.state).toBe("closed");
  }, 60_000);

  it("routes a conference with a whispering supervisor: the agent hears the coach, the customer does not", async () => {
    const engine = new MediaEngine(createTestContext({ quiet: true }));
    cleanups.push(() => engine.close());
    const parties: Record<string, FakeBrowser> = {};
    for (const [callSid, level] of [
      ["CAcustomer", 1000],
      ["CAagent", 4000],
      ["CAcoach", 12000],
    ] as const) {
      const heard: number[] = [];
      const browser = await RtcEndpoint.offer(browserHandlers(heard), { iceLite: false });
      const leg = await engine.answerOffer(browser.localSdp);
      await browser.acceptAnswer(leg.localSdp);
      cleanups.push(() => browser.close());
      engine.bind(leg, callSid);
      parties[callSid] = { endpoint: browser, heard, talk: talker(browser) };
      await until(() => leg.connected && browser.state === "connected", `${callSid} connected`);
      parties[callSid].talk(level);
    }
    const { conferenceRoutes } = await import("./conference-routing");
    engine.setRouting(
      conferenceRoutes({
        started: true,
        participants: [
          { callSid: "CAcustomer" },
          { callSid: "CAagent" },
          { callSid: "CAcoach", coaching: true, callSidToCoach: "CAagent" },
        ],
      }),
    );
    for (const p of Object.values(parties)) p.heard.length = 0;
    await until(
      () => Object.values(parties).every((p) => p.heard.length > 40),
      "a second of conference audio",
    );
    const steady = (callSid: string) => Math.max(...parties[callSid]!.heard.slice(-20));
    // µ-law: within a few percent of the sums 4000 (agent), 1000 + 12000 (coach), 1000 + 4000.
    expect(steady("CAcustomer")).toBeGreaterThan(3700);
    expect(steady("CAcustomer")).toBeLessThan(4300);
    expect(steady("CAagent")).toBeGreaterThan(12_200);
    expect(steady("CAcoach")).toBeGreaterThan(4700);
    expect(steady("CAcoach")).toBeLessThan(5300);
  }, 60_000);

  it("a greeting started while the browser's call is being created waits for the leg instead of being skipped", async () => {
    const engine = new MediaEngine(createTestContext({ quiet: true }));
    cleanups.push(() => engine.close());
    const started = engine.beginStart();
    let finished = false;
    const greeting = engine
      .play("CAnew", { kind: "tone", durationMs: 200 })
      .then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(finished).toBe(false);
    const leg = await engine.makeOffer();
    engine.bind(leg, "CAnew");
    started();
    await vi.waitFor(() => expect(engine.mixer.isPlaying("CAnew")).toBe(true));
    // Nobody connected, so it waits for media; hanging up ends it.
    engine.release("CAnew");
    await greeting;
    expect(finished).toBe(true);
  });

  it("finishes prompts at once for legs nobody can hear (scripted and simulated parties)", async () => {
    const engine = new MediaEngine(createTestContext({ quiet: true }));
    cleanups.push(() => engine.close());
    // A minute of silence to a leg without an endpoint: nothing is queued, the promise settles.
    await expect(
      engine.play("CAscripted", { kind: "silence", durationMs: 60_000 }),
    ).resolves.toBeUndefined();
    expect(engine.mixer.isPlaying("CAscripted")).toBe(false);
    expect(engine.mixer.hasLeg("CAscripted")).toBe(false);
  });
});

describe("media module", () => {
  it("publishes ctx.media and answers for endpoints nobody registered", async () => {
    const ctx = createTestContext({ quiet: true });
    const mediaModule = createMediaModule(ctx);
    cleanups.push(() => mediaModule.close?.());
    const media = ctx.media!;
    expect(media.endpointFor("client:alice")).toBe("client");
    expect(media.endpointFor("+12025550111")).toBe("pstn");
    await expect(
      media.ring("client:alice?queue=sales", { callSid: "CA1", from: "+1", to: "client:alice" }),
    ).resolves.toBe("unavailable");
    await expect(
      media.ring("+12025550111", { callSid: "CA2", from: "+1", to: "+12025550111" }),
    ).resolves.toBe("unavailable");
    expect(await media.stopRecording("nothing")).toBeNull();
    expect(mediaModule.state?.()).toEqual({ devices: [], phones: [], legs: [] });
    expect(mediaModule.wsRoutes?.map((r) => r.path)).toEqual(["/voice/signal", "/phone/signal"]);
  });

  it("serves the Device's UI sounds as WAV", async () => {
    const ctx = createTestContext({ quiet: true });
    const mediaModule = createMediaModule(ctx);
    cleanups.push(() => mediaModule.close?.());
    const route = mediaModule.routes!.find((r) => r.pattern === "/voice/sounds/:name")!;
    const request = (name: string) =>
      route.handler({
        method: "GET",
        path: `/voice/sounds/${name}`,
        params: { name },
        query: new URLSearchParams(),
        form: {},
        json: null,
        rawBody: Buffer.alloc(0),
        headers: {},
        auth: null,
      });
    const incoming = await request("incoming.wav");
    expect(incoming.status).toBe(200);
    expect(incoming.headers?.["content-type"]).toBe("audio/wav");
    expect(decodeWav(incoming.body as Buffer).samples.length).toBe(16000 * 6);
    expect((await request("dtmf-hash.wav")).status).toBe(200);
    expect((await request("cowbell.mp3")).status).toBe(404);
  });
});
