/**
 * The debugger feed: Twilio's Console debugger (errors such as 11200, 12100) plus `unsupported`
 * entries for anything the sandbox does not emulate (SUPPORT.md), never silently faked.
 */
import type { DebuggerEntry, DebuggerFeed, SandboxClock } from "./types";

export interface StoredDebuggerEntry extends DebuggerEntry {
  id: string;
  at: number;
}

export interface DebuggerStore extends DebuggerFeed {
  list(): StoredDebuggerEntry[];
  clear(): void;
}

const LIMIT = 1000;

export function createDebugger(options: {
  clock: SandboxClock;
  emit: (type: string, data: unknown) => void;
  log?: (entry: StoredDebuggerEntry) => void;
}): DebuggerStore {
  let entries: StoredDebuggerEntry[] = [];
  let seq = 0;
  return {
    report(entry) {
      const stored: StoredDebuggerEntry = {
        ...entry,
        id: `NO${String(++seq).padStart(32, "0")}`,
        at: options.clock.now(),
      };
      entries.push(stored);
      if (entries.length > LIMIT) entries = entries.slice(-LIMIT);
      options.log?.(stored);
      options.emit("debugger.reported", stored);
    },
    list: () => [...entries],
    clear() {
      entries = [];
    },
  };
}
