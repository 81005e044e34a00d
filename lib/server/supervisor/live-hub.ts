import "server-only";
/**
 * One live snapshot per app instance, shared by every supervisor stream: the hub subscribes to
 * the event bus while at least one stream is open, recomputes the snapshot when a call, task,
 * reservation, worker, queue or conference event arrives (coalescing bursts: at most one
 * computation runs, and one more follows if events arrived meanwhile), and hands every listener
 * the same pre-serialised SSE frame. 500 supervisors cost one query round, not 500.
 *
 * A periodic refresh also runs while streams are open, so an event lost to this instance (a
 * dropped LISTEN connection) is repaired within REFRESH_MS without anyone reloading.
 */
import { randomUUID } from "node:crypto";
import { subscribe } from "@/lib/server/events";
import { logger } from "@/lib/server/logger";
import { getLiveSnapshot, type LiveSnapshot } from "./live-snapshot";

export const LIVE_TOPICS = ["call.*", "task.*", "reservation.*", "worker.*", "queue.*", "conference.*"] as const;
const REFRESH_MS = 30_000;

export interface LiveFrame {
  /** `<instance>-<version>`: the SSE event id. */
  id: string;
  snapshot: LiveSnapshot;
  /** The complete `id:/event:/data:` SSE frame. */
  text: string;
}

type Listener = (frame: LiveFrame) => void;

class LiveHub {
  private readonly instance = randomUUID().slice(0, 8);
  private readonly listeners = new Set<Listener>();
  private version = 0;
  private latest: LiveFrame | null = null;
  private computing: Promise<LiveFrame> | null = null;
  private dirty = false;
  private unsubscribers: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  /** Adds a listener and resolves with the current frame (fresh when nobody was listening). */
  async attach(listener: Listener): Promise<{ frame: LiveFrame; detach: () => void }> {
    const first = this.listeners.size === 0;
    this.listeners.add(listener);
    if (first) this.start();
    const frame = first || !this.latest ? await this.refresh() : this.latest;
    return { frame, detach: () => this.detach(listener) };
  }

  /** Recomputes now (or right after the computation in flight). */
  refresh(): Promise<LiveFrame> {
    if (this.computing) {
      this.dirty = true;
      return this.computing;
    }
    this.computing = (async () => {
      try {
        let frame: LiveFrame;
        do {
          this.dirty = false;
          frame = this.publish(await getLiveSnapshot());
        } while (this.dirty);
        return frame;
      } finally {
        this.computing = null;
      }
    })();
    return this.computing;
  }

  get size(): number {
    return this.listeners.size;
  }

  private publish(snapshot: LiveSnapshot): LiveFrame {
    const id = `${this.instance}-${++this.version}`;
    const frame = { id, snapshot, text: `id: ${id}\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n` };
    this.latest = frame;
    for (const listener of this.listeners) listener(frame);
    return frame;
  }

  private start() {
    const onEvent = () => void this.refresh().catch((error: unknown) => logger.error({ err: error }, "live snapshot failed"));
    this.unsubscribers = LIVE_TOPICS.map((pattern) => subscribe(pattern, onEvent));
    this.timer = setInterval(onEvent, REFRESH_MS);
    this.timer.unref();
  }

  private detach(listener: Listener) {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.latest = null;
  }
}

const globalForHub = globalThis as unknown as { switchboardLiveHub?: LiveHub };

export function getLiveHub(): LiveHub {
  globalForHub.switchboardLiveHub ??= new LiveHub();
  return globalForHub.switchboardLiveHub;
}
