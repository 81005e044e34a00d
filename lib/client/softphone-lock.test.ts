import { describe, expect, it } from "vitest";
import { createSoftphoneLock, type LockManagerLike, type SoftphoneLockState } from "./softphone-lock";

interface Request {
  callback: (lock: Lock | null) => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** An in-memory LockManager for one lock name, following the Web Locks rules used here (ifAvailable, steal, signal). */
class FakeLocks implements LockManagerLike {
  holder: Request | null = null;
  queue: Request[] = [];

  request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: Request = { callback, resolve, reject };
      if (options.steal) {
        this.holder?.reject(new DOMException("The lock was stolen.", "AbortError"));
        this.holder = null;
        this.grant(request, name);
      } else if (!this.holder) {
        this.grant(request, name);
      } else if (options.ifAvailable) {
        Promise.resolve(callback(null)).then(resolve, reject);
      } else {
        this.queue.push(request);
        options.signal?.addEventListener("abort", () => {
          this.queue = this.queue.filter((r) => r !== request);
          reject(new DOMException("Aborted.", "AbortError"));
        });
      }
    });
  }

  private grant(request: Request, name: string) {
    this.holder = request;
    Promise.resolve(request.callback({ name, mode: "exclusive" } as Lock)).then((value) => {
      if (this.holder !== request) return;
      this.holder = null;
      request.resolve(value);
      const next = this.queue.shift();
      if (next) this.grant(next, name);
    });
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function tab(locks: FakeLocks) {
  const states: SoftphoneLockState[] = [];
  const lock = createSoftphoneLock(locks, "switchboard-softphone:u1", (s) => states.push(s));
  return { lock, states, get state() { return states.at(-1); } };
}

describe("createSoftphoneLock", () => {
  it("makes the first tab active and a second tab wait without taking the softphone", async () => {
    const locks = new FakeLocks();
    const first = tab(locks);
    await settle();
    const second = tab(locks);
    await settle();
    expect(first.state).toBe("active");
    expect(second.state).toBe("elsewhere");
    expect(first.states).toEqual(["checking", "active"]);
  });

  it("hands the softphone over on takeOver, and the first tab learns it was taken over", async () => {
    const locks = new FakeLocks();
    const first = tab(locks);
    await settle();
    const second = tab(locks);
    await settle();
    second.lock.takeOver();
    await settle();
    expect(second.state).toBe("active");
    expect(first.state).toBe("taken-over");
    // And back again.
    first.lock.takeOver();
    await settle();
    expect(first.state).toBe("active");
    expect(second.state).toBe("taken-over");
  });

  it("gives the softphone to a waiting tab when the owner closes", async () => {
    const locks = new FakeLocks();
    const first = tab(locks);
    await settle();
    const second = tab(locks);
    await settle();
    first.lock.dispose();
    await settle();
    expect(second.state).toBe("active");
    expect(first.state).toBe("active"); // a closed tab reports nothing more
  });

  it("is active at once where Web Locks are missing", () => {
    const states: SoftphoneLockState[] = [];
    createSoftphoneLock(undefined, "x", (s) => states.push(s));
    expect(states).toEqual(["active"]);
  });
});
