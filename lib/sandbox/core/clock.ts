/**
 * The sandbox clock. Every timeout in the sandbox runs on it (types.ts `Clock`).
 *
 * One timer queue serves both modes. In `real` mode a single Node timer is armed for the earliest
 * due timer, and `advance` jumps the clock forward (the CLI's "skip the 30 s ring timeout"). In
 * `manual` mode time only moves in `advance`, so tests never sleep.
 *
 * "Work" is I/O the sandbox started (webhook deliveries): `advance` and `settle` wait for it, so a
 * test can create a call and then `settle()` until the app's TwiML has run as far as it can
 * without time passing. Work that waits on this clock must never be tracked (it would wait for
 * itself); only real I/O is. An I/O item that has not finished after `stallMs` of real time is
 * treated as blocked (an app that never answers): `settle` stops waiting for it so that `advance`
 * can fire the webhook's own timeout on the clock. In manual mode `settle` also fires timers that
 * are already due (0 ms timeouts), since they need no time to pass.
 */
import type { SandboxClock, TimerHandle } from "./types";

export type { SandboxClock };

interface Timer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
}

interface Work {
  /** Settles when the I/O finishes or stalls, whichever comes first. */
  done: Promise<void>;
  stalled: boolean;
}

export interface ClockOptions {
  mode?: "real" | "manual";
  /** Start time in manual mode (defaults to the current wall time). */
  start?: number;
  /** Real milliseconds after which pending I/O is considered blocked (default 2000). */
  stallMs?: number;
  /** Called when a timer callback throws: the clock keeps running. */
  onError?: (error: unknown) => void;
}

const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createClock(options: ClockOptions = {}): SandboxClock {
  let mode: "real" | "manual" = options.mode ?? "real";
  // In real mode now() = Date.now() + offset; in manual mode now() = manualNow.
  let offset = 0;
  let manualNow = options.start ?? Date.now();
  let nextId = 1;
  let seq = 0;
  const timers = new Map<number, Timer>();
  const work = new Set<Work>();
  let armed: NodeJS.Timeout | null = null;
  let advancing = false;
  const stallMs = options.stallMs ?? 2000;
  const onError =
    options.onError ?? ((error: unknown) => console.error("[sandbox] timer failed", error));

  const now = () => (mode === "manual" ? manualNow : Date.now() + offset);

  function earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of timers.values()) {
      if (!best || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq))
        best = timer;
    }
    return best;
  }

  function run(timer: Timer) {
    timers.delete(timer.id);
    try {
      const result = timer.fn() as unknown;
      if (result && typeof (result as Promise<unknown>).then === "function") {
        (result as Promise<unknown>).then(undefined, onError);
      }
    } catch (error) {
      onError(error);
    }
  }

  // Real mode: keep one Node timer armed for the earliest due timer.
  function arm() {
    if (armed) clearTimeout(armed);
    armed = null;
    if (mode !== "real" || advancing) return;
    const next = earliest();
    if (!next) return;
    const delay = Math.max(0, Math.min(next.due - now(), 2 ** 31 - 1));
    armed = setTimeout(fireDueReal, delay);
  }

  function fireDueReal() {
    armed = null;
    for (;;) {
      const next = earliest();
      if (!next || next.due > now()) break;
      run(next);
    }
    arm();
  }

  /** Manual mode: runs timers already due (a 0 ms timeout needs no time to pass). */
  function runDue(): boolean {
    if (mode !== "manual") return false;
    const next = earliest();
    if (!next || next.due > now()) return false;
    run(next);
    return true;
  }

  async function settle() {
    for (;;) {
      await drain();
      if (runDue()) continue;
      const pending = [...work].filter((w) => !w.stalled);
      if (pending.length === 0) {
        await drain();
        if (runDue()) continue;
        if ([...work].every((w) => w.stalled)) return;
        continue;
      }
      await Promise.race(pending.map((w) => w.done));
    }
  }

  const clock: SandboxClock = {
    get mode() {
      return mode;
    },
    now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, due: now() + Math.max(0, ms), seq: seq++, fn });
      arm();
      return { id };
    },
    clearTimeout(handle: TimerHandle | undefined) {
      if (!handle) return;
      if (timers.delete(handle.id)) arm();
    },
    async advance(ms) {
      if (ms < 0) throw new Error("The clock cannot go backwards");
      advancing = true;
      if (armed) clearTimeout(armed);
      armed = null;
      try {
        await settle();
        // The target is fixed when the advance starts; timers created on the way still fire if due.
        const target = now() + ms;
        for (;;) {
          const next = earliest();
          if (!next || next.due > target) break;
          if (next.due > now()) setNowInternal(next.due);
          run(next);
          await settle();
        }
        setNowInternal(Math.max(now(), target));
        await settle();
      } finally {
        advancing = false;
        arm();
      }
    },
    setMode(next) {
      if (next === mode) return;
      const current = now();
      mode = next;
      if (mode === "manual") manualNow = current;
      else offset = current - Date.now();
      arm();
    },
    sleep(ms) {
      return new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    },
    track<T>(promise: Promise<T>) {
      let wake!: () => void;
      const item: Work = { done: new Promise<void>((resolve) => (wake = resolve)), stalled: false };
      work.add(item);
      const stall = setTimeout(() => {
        item.stalled = true;
        wake();
      }, stallMs);
      stall.unref();
      const finished = () => {
        clearTimeout(stall);
        work.delete(item);
        wake();
      };
      promise.then(finished, finished);
      return promise;
    },
    settle,
    pendingTimers: () => timers.size,
    nextDue: () => earliest()?.due ?? null,
    setNow(ms) {
      setNowInternal(ms);
      arm();
    },
    close() {
      if (armed) clearTimeout(armed);
      armed = null;
      timers.clear();
    },
  };

  function setNowInternal(ms: number) {
    if (mode === "manual") manualNow = ms;
    else offset = ms - Date.now();
  }

  return clock;
}
