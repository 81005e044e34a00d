/**
 * The audio half of `ctx.media`: browser legs' peer connections, the mixer and its 20 ms clock,
 * prompts and recordings. Signalling (voice-signal.ts, phone-signal.ts) creates the endpoints and
 * binds them to CallSids; the voice engine drives routing, prompts and recordings.
 *
 * Audio runs on wall time, not the sandbox clock: a browser consumes 50 frames a second whatever
 * a test did to the sandbox clock.
 */
import type { PromptSpec, SandboxContext } from "../core/types";
import { Mixer, type PromptAudio } from "./audio/mixer";
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from "./audio/mulaw";
import { PromptRenderer } from "./audio/prompts";
import { encodeWav } from "./audio/wav";
import type { RtcEndpoint, RtcState } from "./rtc/rtc-endpoint";

// werift takes most of a second to load: only when the first browser leg needs it, so the
// sandbox (and every test that starts it) starts fast.
const loadRtc = () => import("./rtc/rtc-endpoint");

/** A browser leg's media: its peer connection and, once known, the CallSid it carries. */
export class MediaLeg {
  callSid: string | null = null;
  /** Set by the signalling side that owns the leg. */
  onDigit: (digit: string) => void = () => undefined;
  onState: (state: RtcState) => void = () => undefined;
  endpoint!: RtcEndpoint;

  get localSdp(): string {
    return this.endpoint.localSdp;
  }

  get connected(): boolean {
    return this.endpoint.state === "connected";
  }
}

const TICK_INTERVAL_MS = 10;
const START_WAIT_LIMIT_MS = 10_000;
/** After a stall longer than this the clock jumps instead of bursting audio. */
const MAX_CATCH_UP_MS = 200;

export class MediaEngine {
  readonly mixer = new Mixer();
  private readonly renderer: PromptRenderer;
  private readonly legs = new Map<string, MediaLeg>();
  private readonly pendingStarts = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private nextTickAt = 0;

  constructor(
    private readonly ctx: Pick<SandboxContext, "debugger" | "log">,
    options: { fetch?: typeof fetch } = {},
  ) {
    this.renderer = new PromptRenderer({ debugger: ctx.debugger, fetch: options.fetch });
  }

  /** The browser sent an offer: answer it with a PCMU-only peer connection. */
  async answerOffer(offerSdp: string): Promise<MediaLeg> {
    const leg = new MediaLeg();
    const { RtcEndpoint } = await loadRtc();
    leg.endpoint = await RtcEndpoint.answer(offerSdp, this.handlersFor(leg));
    return leg;
  }

  /** The sandbox calls a browser: make an offer it will answer. */
  async makeOffer(): Promise<MediaLeg> {
    const leg = new MediaLeg();
    const { RtcEndpoint } = await loadRtc();
    leg.endpoint = await RtcEndpoint.offer(this.handlersFor(leg));
    return leg;
  }

  /** The leg now carries `callSid`: its audio joins the mixer. */
  bind(leg: MediaLeg, callSid: string): void {
    const previous = this.legs.get(callSid);
    if (previous && previous !== leg) void previous.endpoint.close();
    leg.callSid = callSid;
    this.legs.set(callSid, leg);
    this.mixer.setReady(callSid, leg.connected);
    this.startClock();
  }

  hasEndpoint(callSid: string): boolean {
    return this.legs.has(callSid);
  }

  /** Closes a leg's peer connection (the browser hung up); routing stays until `release`. */
  closeLeg(leg: MediaLeg): void {
    void leg.endpoint.close();
    if (leg.callSid && this.legs.get(leg.callSid) === leg) this.legs.delete(leg.callSid);
  }

  /**
   * Signalling calls this just before asking the voice engine to create a call for a browser
   * endpoint (`startClientCall`/`startPhoneCall`) and calls the returned function once the new
   * CallSid is bound. Prompts and captions for legs not bound yet wait for that, because an
   * engine may start the TwiML (a greeting) before its start call has even returned.
   */
  beginStart(): () => void {
    let done!: () => void;
    const pending = new Promise<void>((resolve) => (done = resolve));
    this.pendingStarts.add(pending);
    return () => {
      this.pendingStarts.delete(pending);
      done();
    };
  }

  setRouting(routes: { callSid: string; hears: string[]; prompt?: PromptSpec | null }[]): void {
    for (const route of routes) {
      this.mixer.setHears(route.callSid, route.hears);
      if (route.prompt === null) this.mixer.setBackground(route.callSid, null);
      else if (route.prompt) {
        const spec = { ...route.prompt, loop: route.prompt.loop ?? 0 };
        this.mixer.setBackground(
          route.callSid,
          JSON.stringify(spec),
          this.renderer.render(spec, route.callSid),
        );
      }
    }
    this.startClock();
  }

  /** Resolves once calls being created for browser endpoints are bound (see beginStart). */
  async settled(callSid: string): Promise<void> {
    if (this.legs.has(callSid) || this.pendingStarts.size === 0) return;
    // Bounded: an engine that awaited a prompt inside startPhoneCall would otherwise deadlock.
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>(
      (resolve) => (timer = setTimeout(resolve, START_WAIT_LIMIT_MS)),
    );
    await Promise.race([Promise.all([...this.pendingStarts]), limit]);
    clearTimeout(timer);
  }

  async play(callSid: string, prompt: PromptSpec): Promise<void> {
    await this.settled(callSid);
    // Nobody can hear a leg without a browser endpoint (scripted or simulated party).
    if (!this.legs.has(callSid)) return;
    const audio: Promise<PromptAudio | null> = this.renderer
      .render(prompt, callSid)
      .catch((error: Error) => {
        this.ctx.debugger.report({
          level: "error",
          code: 0,
          message: `Prompt could not be rendered: ${error.message}`,
          resourceSid: callSid,
        });
        return null;
      });
    this.startClock();
    await this.mixer.play(callSid, audio);
  }

  stopPlayback(callSid: string): void {
    this.mixer.stopPlayback(callSid);
  }

  startRecording(key: string, callSids: string[]): void {
    this.mixer.startRecording(key, callSids);
    this.startClock();
  }

  stopRecording(key: string): { wav: Buffer; durationSeconds: number } | null {
    const pcm = this.mixer.stopRecording(key);
    if (!pcm) return null;
    return {
      wav: encodeWav(pcm, SAMPLE_RATE),
      durationSeconds: Math.round(pcm.length / SAMPLE_RATE),
    };
  }

  /** The leg ended: close its connection and drop it from every mix. */
  release(callSid: string): void {
    const leg = this.legs.get(callSid);
    if (leg) this.closeLeg(leg);
    this.mixer.removeLeg(callSid);
  }

  /** Drops every leg and recording (sandbox reset). */
  reset(): void {
    for (const callSid of [...this.legs.keys()]) this.release(callSid);
    this.stopClock();
  }

  async close(): Promise<void> {
    this.reset();
    await this.renderer.close();
  }

  state(): { callSid: string; connected: boolean; hears: string[] }[] {
    return [...this.legs.entries()].map(([callSid, leg]) => ({
      callSid,
      connected: leg.connected,
      hears: this.mixer.hears(callSid),
    }));
  }

  private handlersFor(leg: MediaLeg) {
    return {
      onAudio: (pcm: Int16Array) => {
        if (leg.callSid && this.legs.get(leg.callSid) === leg)
          this.mixer.pushInput(leg.callSid, pcm);
      },
      onDigit: (digit: string) => leg.onDigit(digit),
      onState: (state: RtcState) => {
        if (leg.callSid && this.legs.get(leg.callSid) === leg)
          this.mixer.setReady(leg.callSid, state === "connected");
        leg.onState(state);
      },
    };
  }

  private startClock(): void {
    if (this.timer) return;
    this.nextTickAt = performance.now();
    this.timer = setInterval(() => this.run(), TICK_INTERVAL_MS);
    this.timer.unref();
  }

  private stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private run(): void {
    const now = performance.now();
    if (now - this.nextTickAt > MAX_CATCH_UP_MS) this.nextTickAt = now - FRAME_MS;
    while (this.nextTickAt <= now) {
      this.tick();
      this.nextTickAt += FRAME_MS;
    }
    if (this.legs.size === 0 && this.mixer.recordingCount === 0) this.stopClock();
  }

  private tick(): void {
    const frames = this.mixer.tick();
    for (const [callSid, frame] of frames) {
      if (frame.length === FRAME_SAMPLES) this.legs.get(callSid)?.endpoint.sendFrame(frame);
    }
  }
}
