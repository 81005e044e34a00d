/**
 * The receive buffer of one leg: RTP packets arrive with network jitter, the mixer pulls exactly
 * one 20 ms frame per tick. A short pre-buffer absorbs jitter; a cap keeps latency bounded when
 * the sender runs faster than our clock (or the event loop stalled and caught up).
 */
import { FRAME_SAMPLES } from "./mulaw";

const PREBUFFER = FRAME_SAMPLES * 2;
const MAX_BUFFERED = FRAME_SAMPLES * 10;
const TRIM_TO = FRAME_SAMPLES * 3;

export class SampleFifo {
  private buffer = new Int16Array(MAX_BUFFERED * 2);
  private length = 0;
  private primed = false;

  get buffered(): number {
    return this.length;
  }

  push(samples: Int16Array): void {
    if (this.length + samples.length > this.buffer.length)
      this.trim(Math.max(0, this.buffer.length - samples.length));
    this.buffer.set(samples, this.length);
    this.length += samples.length;
    if (this.length > MAX_BUFFERED) this.trim(TRIM_TO);
    if (this.length >= PREBUFFER) this.primed = true;
  }

  /** One frame, or null while nothing is buffered (the leg is silent this tick). */
  pull(samples = FRAME_SAMPLES): Int16Array | null {
    if (!this.primed || this.length === 0) return null;
    const out = new Int16Array(samples);
    const n = Math.min(samples, this.length);
    out.set(this.buffer.subarray(0, n));
    this.buffer.copyWithin(0, n, this.length);
    this.length -= n;
    if (this.length === 0) this.primed = false;
    return out;
  }

  clear(): void {
    this.length = 0;
    this.primed = false;
  }

  private trim(keep: number): void {
    const drop = this.length - keep;
    if (drop <= 0) return;
    this.buffer.copyWithin(0, drop, this.length);
    this.length = keep;
  }
}
