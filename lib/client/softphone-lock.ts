/**
 * One live softphone per agent: the tab that holds the Web Lock owns the Voice Device and the
 * TaskRouter Worker. A second tab of /agent waits for the lock (and gets it when the first tab
 * closes) or takes it over on request (`steal`), which makes the first tab's hold end with an
 * AbortError, so it stands down and says it was taken over.
 */
export type SoftphoneLockState = "checking" | "active" | "elsewhere" | "taken-over";

/** The part of `navigator.locks` (LockManager) used here; unit tests pass a fake. */
export interface LockManagerLike {
  request(name: string, options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown>;
}

export interface SoftphoneLock {
  /** Takes the softphone over from the tab that holds it. */
  takeOver(): void;
  /** Lets go of the lock (or stops waiting for it). */
  dispose(): void;
}

export function softphoneLockName(userId: string): string {
  return `switchboard-softphone:${userId}`;
}

export function createSoftphoneLock(locks: LockManagerLike | undefined, name: string, onChange: (state: SoftphoneLockState) => void): SoftphoneLock {
  let disposed = false;
  let release: (() => void) | null = null;
  let waiting: AbortController | null = null;

  if (!locks) {
    // No Web Locks (very old browsers): nothing to coordinate with, this tab is the softphone.
    onChange("active");
    return { takeOver: () => undefined, dispose: () => undefined };
  }

  const hold = (options: LockOptions) => {
    let granted = false;
    locks
      .request(name, options, (lock) => {
        if (!lock || disposed) return undefined;
        granted = true;
        onChange("active");
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      })
      .then(
        () => {
          // Resolved without the lock: `ifAvailable` and another tab holds it.
          if (!granted && !disposed) {
            onChange("elsewhere");
            wait();
          }
        },
        (error: unknown) => {
          if (disposed || !granted || (error as { name?: string } | null)?.name !== "AbortError") return;
          // Another tab stole the lock.
          release?.();
          release = null;
          onChange("taken-over");
          wait();
        },
      );
  };
  // Queue for the lock, so this tab takes over by itself when the owner closes.
  const wait = () => {
    waiting = new AbortController();
    hold({ signal: waiting.signal });
  };

  onChange("checking");
  hold({ ifAvailable: true });

  return {
    takeOver() {
      if (disposed) return;
      waiting?.abort();
      waiting = null;
      hold({ steal: true });
    },
    dispose() {
      disposed = true;
      waiting?.abort();
      waiting = null;
      release?.();
      release = null;
    },
  };
}
