/** A minimal EventEmitter for the browser adapter (on/off/once/emit, like the SDK's objects). */
type Listener = (...args: never[]) => void;

export class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: (...args: never[]) => void): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  addListener(event: string, listener: (...args: never[]) => void): this {
    return this.on(event, listener);
  }

  off(event: string, listener: (...args: never[]) => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  removeListener(event: string, listener: (...args: never[]) => void): this {
    return this.off(event, listener);
  }

  once(event: string, listener: (...args: never[]) => void): this {
    const wrapper = (...args: never[]) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeAllListeners(event?: string): this {
    if (event) this.listeners.delete(event);
    else this.listeners.clear();
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) (listener as (...a: unknown[]) => void)(...args);
    return true;
  }
}
