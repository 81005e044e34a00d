/**
 * The sandbox's audio switch. Every 20 ms tick it takes one frame from each leg (what that
 * person said), and builds each leg's outgoing frame from the legs its route says it hears plus
 * the prompt playing to it. It also feeds recordings. Pure and synchronous: the media engine
 * owns the timer and the network; tests drive `tick()` directly.
 *
 * Who-hears-whom is the voice engine's decision (conference mute, hold, coach, monitor, barge
 * all reduce to `hears` lists, see conference-routing.ts); the mixer only obeys it.
 */
import { FRAME_SAMPLES } from "./mulaw";
import { SampleFifo } from "./fifo";
import { accumulate, concatPcm, toInt16 } from "./pcm";

/** Audio ready to play: PCM at 8 kHz and how often to play it (0 = until stopped). */
export interface PromptAudio {
  pcm: Int16Array;
  loop: number;
}

class PromptCursor {
  private position = 0;
  private plays = 0;

  constructor(private readonly audio: PromptAudio) {}

  get done(): boolean {
    return this.audio.pcm.length === 0 || (this.audio.loop > 0 && this.plays >= this.audio.loop);
  }

  /** Adds the next frame of the prompt into `acc`. */
  mixInto(acc: Int32Array): void {
    const pcm = this.audio.pcm;
    let filled = 0;
    while (filled < acc.length && !this.done) {
      const n = Math.min(acc.length - filled, pcm.length - this.position);
      for (let i = 0; i < n; i++) acc[filled + i]! += pcm[this.position + i]!;
      filled += n;
      this.position += n;
      if (this.position >= pcm.length) {
        this.position = 0;
        this.plays++;
      }
    }
  }
}

interface ForegroundItem {
  cursor: PromptCursor | null; // null while the audio is still being prepared
  finish: () => void;
}

interface Background {
  key: string;
  cursor: PromptCursor | null;
}

class Leg {
  hears: string[] = [];
  readonly input = new SampleFifo();
  /** Frame this leg said in the current tick (null = silent). */
  said: Int16Array | null = null;
  /** Prompt frame this leg heard in the current tick. */
  prompted: Int16Array | null = null;
  /** Whether `prompted` came from a played prompt (recorded) rather than hold music (not). */
  promptedForeground = false;
  foreground: ForegroundItem[] = [];
  background: Background | null = null;
  /**
   * False while the leg's media is not flowing yet (ICE/DTLS still connecting): prompts wait,
   * so a greeting is not spoken into a connection nobody hears yet.
   */
  ready = true;
}

interface Recording {
  sources: Set<string>;
  chunks: Int16Array[];
  /** Whether any recorded leg ever carried audio (a browser endpoint) while recording. */
  live: boolean;
}

export class Mixer {
  private readonly legs = new Map<string, Leg>();
  private readonly recordings = new Map<string, Recording>();

  hasLeg(callSid: string): boolean {
    return this.legs.has(callSid);
  }

  /** True when nothing needs ticking (no legs, no recordings). */
  get idle(): boolean {
    return this.legs.size === 0 && this.recordings.size === 0;
  }

  setReady(callSid: string, ready: boolean): void {
    this.leg(callSid).ready = ready;
  }

  setHears(callSid: string, hears: string[]): void {
    this.leg(callSid).hears = hears.filter((sid) => sid !== callSid);
  }

  hears(callSid: string): string[] {
    return [...(this.legs.get(callSid)?.hears ?? [])];
  }

  /**
   * The prompt a leg hears while nothing is played to it (hold music, conference wait music).
   * The same key keeps the current one running; null stops it.
   */
  setBackground(callSid: string, key: string | null, audio?: Promise<PromptAudio | null>): void {
    const leg = this.leg(callSid);
    if (key === null) {
      leg.background = null;
      return;
    }
    if (leg.background?.key === key) return;
    const background: Background = { key, cursor: null };
    leg.background = background;
    void audio?.then(
      (ready) => {
        if (ready && leg.background === background) background.cursor = new PromptCursor(ready);
      },
      () => undefined,
    );
  }

  backgroundKey(callSid: string): string | null {
    return this.legs.get(callSid)?.background?.key ?? null;
  }

  /** Queues a prompt for one leg; resolves when it has been heard in full or was stopped. */
  play(callSid: string, audio: Promise<PromptAudio | null>): Promise<void> {
    const leg = this.leg(callSid);
    return new Promise<void>((resolve) => {
      const item: ForegroundItem = { cursor: null, finish: resolve };
      leg.foreground.push(item);
      audio.then(
        (ready) => {
          if (ready) item.cursor = new PromptCursor(ready);
          else this.finishItem(leg, item);
        },
        () => this.finishItem(leg, item),
      );
    });
  }

  isPlaying(callSid: string): boolean {
    return (this.legs.get(callSid)?.foreground.length ?? 0) > 0;
  }

  stopPlayback(callSid: string): void {
    const leg = this.legs.get(callSid);
    if (!leg) return;
    const items = leg.foreground.splice(0);
    for (const item of items) item.finish();
  }

  /** Inbound audio from the leg's endpoint (decoded PCM, any packet size). */
  pushInput(callSid: string, pcm: Int16Array): void {
    this.legs.get(callSid)?.input.push(pcm);
  }

  startRecording(key: string, callSids: string[]): void {
    const existing = this.recordings.get(key);
    if (existing) existing.sources = new Set(callSids);
    else this.recordings.set(key, { sources: new Set(callSids), chunks: [], live: false });
  }

  /**
   * The recorded mix, or null when no recorded leg ever had audio (only scripted or simulated
   * parties): the voice engine then produces the recording on the sandbox clock itself.
   */
  stopRecording(key: string): Int16Array | null {
    const recording = this.recordings.get(key);
    if (!recording) return null;
    this.recordings.delete(key);
    return recording.live ? concatPcm(recording.chunks) : null;
  }

  get recordingCount(): number {
    return this.recordings.size;
  }

  isRecording(key: string): boolean {
    return this.recordings.has(key);
  }

  removeLeg(callSid: string): void {
    const leg = this.legs.get(callSid);
    if (!leg) return;
    this.legs.delete(callSid);
    for (const item of leg.foreground.splice(0)) item.finish();
    for (const other of this.legs.values())
      other.hears = other.hears.filter((sid) => sid !== callSid);
  }

  /** Advances 20 ms: returns the frame each leg hears now. */
  tick(): Map<string, Int16Array> {
    for (const leg of this.legs.values()) {
      leg.said = leg.input.pull(FRAME_SAMPLES);
      leg.prompted = null;
    }
    const out = new Map<string, Int16Array>();
    for (const [callSid, leg] of this.legs) {
      const acc = new Int32Array(FRAME_SAMPLES);
      for (const source of leg.hears) {
        const said = this.legs.get(source)?.said;
        if (said) accumulate(acc, said);
      }
      leg.prompted = this.promptFrame(leg);
      if (leg.prompted) accumulate(acc, leg.prompted);
      out.set(callSid, toInt16(acc));
    }
    for (const recording of this.recordings.values()) {
      const acc = new Int32Array(FRAME_SAMPLES);
      for (const source of recording.sources) {
        const leg = this.legs.get(source);
        if (leg?.said) {
          accumulate(acc, leg.said);
          recording.live = true;
        }
        if (leg?.prompted && leg.promptedForeground) accumulate(acc, leg.prompted);
      }
      recording.chunks.push(toInt16(acc));
    }
    return out;
  }

  /** The prompt audio a leg hears this tick: the head of its play queue, else its background. */
  private promptFrame(leg: Leg): Int16Array | null {
    leg.promptedForeground = false;
    if (!leg.ready) return null;
    const head = leg.foreground[0];
    if (head) {
      leg.promptedForeground = true;
      if (!head.cursor) return null; // still preparing: silence, keep the order
      const acc = new Int32Array(FRAME_SAMPLES);
      head.cursor.mixInto(acc);
      if (head.cursor.done) this.finishItem(leg, head);
      return toInt16(acc);
    }
    const cursor = leg.background?.cursor;
    if (!cursor || cursor.done) return null;
    const acc = new Int32Array(FRAME_SAMPLES);
    cursor.mixInto(acc);
    return toInt16(acc);
  }

  private finishItem(leg: Leg, item: ForegroundItem): void {
    const index = leg.foreground.indexOf(item);
    if (index >= 0) leg.foreground.splice(index, 1);
    item.finish();
  }

  private leg(callSid: string): Leg {
    let leg = this.legs.get(callSid);
    if (!leg) {
      leg = new Leg();
      this.legs.set(callSid, leg);
    }
    return leg;
  }
}
