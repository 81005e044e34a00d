import { describe, expect, it } from "vitest";
import { createClock } from "./clock";

describe("sandbox clock", () => {
  it("fires manual timers in due order only when advanced", async () => {
    const clock = createClock({ mode: "manual", start: 1_000_000 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b"), 2000);
    clock.setTimeout(() => fired.push("a"), 1000);
    clock.setTimeout(() => fired.push("a2"), 1000);
    await clock.advance(999);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(["a", "a2"]);
    expect(clock.now()).toBe(1_001_000);
    await clock.advance(5000);
    expect(fired).toEqual(["a", "a2", "b"]);
    expect(clock.now()).toBe(1_006_000);
  });

  it("runs timers created by timers within the same advance, at their own due time", async () => {
    const clock = createClock({ mode: "manual", start: 0 });
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 500);
    }, 1000);
    await clock.advance(2000);
    expect(seen).toEqual([1000, 1500]);
  });

  it("cancels timers and sleeps on the clock", async () => {
    const clock = createClock({ mode: "manual", start: 0 });
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(handle);
    let woke = false;
    void clock.sleep(100).then(() => (woke = true));
    await clock.advance(50);
    expect(woke).toBe(false);
    await clock.advance(50);
    expect(woke).toBe(true);
    expect(fired).toBe(false);
  });

  it("waits for tracked I/O before moving time, and continuations that start more I/O", async () => {
    const clock = createClock({ mode: "manual", start: 0 });
    const order: string[] = [];
    const io = (label: string) =>
      clock.track(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            order.push(label);
            resolve();
          }, 5),
        ),
      );
    void io("first").then(() => io("second"));
    clock.setTimeout(() => order.push("timer"), 1);
    await clock.advance(1);
    expect(order).toEqual(["first", "second", "timer"]);
  });

  it("stops waiting for I/O that stalls, so the I/O's own clock timeout can fire", async () => {
    const clock = createClock({ mode: "manual", start: 0, stallMs: 20 });
    let timedOut = false;
    void clock.track(new Promise(() => {}));
    clock.setTimeout(() => (timedOut = true), 15_000);
    await clock.advance(15_000);
    expect(timedOut).toBe(true);
  });

  it("switches between real and manual time without a jump", async () => {
    const clock = createClock({ mode: "real" });
    const before = clock.now();
    clock.setMode("manual");
    const frozen = clock.now();
    expect(frozen).toBeGreaterThanOrEqual(before);
    await clock.advance(60_000);
    expect(clock.now()).toBe(frozen + 60_000);
    clock.setMode("real");
    expect(clock.now()).toBeGreaterThanOrEqual(frozen + 60_000);
    clock.close();
  });

  it("advancing in real mode fires due timers immediately", async () => {
    const clock = createClock({ mode: "real" });
    let fired = false;
    clock.setTimeout(() => (fired = true), 3_600_000);
    await clock.advance(3_600_000);
    expect(fired).toBe(true);
    clock.close();
  });
});
