/**
 * A cancellable execution: one TwiML document chain on one leg. A REST redirect, a hangup or a
 * move into a conference aborts the leg's current run; every wait inside the interpreter races
 * against that abort, so an aborted run stops at its next await.
 */
export const ABORTED: unique symbol = Symbol("aborted");
export type Aborted = typeof ABORTED;

export class Run {
  aborted = false;
  reason: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(parent?: Run) {
    if (parent) {
      if (parent.aborted) this.abort(parent.reason ?? "parent");
      else parent.onAbort(() => this.abort(parent.reason ?? "parent"));
    }
  }

  abort(reason: string) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The promise's value, or ABORTED if this run was aborted first. */
  race<T>(promise: Promise<T>): Promise<T | Aborted> {
    if (this.aborted) return Promise.resolve(ABORTED);
    return new Promise<T | Aborted>((resolve, reject) => {
      const off = this.onAbort(() => resolve(ABORTED));
      promise.then(
        (value) => {
          off();
          resolve(value);
        },
        (error: unknown) => {
          off();
          reject(error);
        },
      );
    });
  }

  child(): Run {
    return new Run(this);
  }
}

/** A promise with its resolve function outside (signals between verbs and engine events). */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  settled: () => boolean;
} {
  let resolve!: (value: T) => void;
  let done = false;
  const promise = new Promise<T>((r) => {
    resolve = (value: T) => {
      if (done) return;
      done = true;
      r(value);
    };
  });
  return { promise, resolve, settled: () => done };
}
