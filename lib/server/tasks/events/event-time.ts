import type { TaskRouterEvent } from "@/lib/validations/twilio";

/** When TaskRouter says the event happened (ms). Event callbacks may arrive out of order. */
export function eventTimeMs(event: TaskRouterEvent): number {
  if (event.TimestampMs !== undefined) return event.TimestampMs;
  if (event.Timestamp !== undefined) return event.Timestamp * 1000;
  return Date.now();
}

/** Task lifecycle order (docs/twilio-contract.md §4.3); terminal states never move back. */
export const TASK_STATUS_RANK: Record<string, number> = { pending: 0, reserved: 1, assigned: 2, wrapping: 3, completed: 4, canceled: 4 };
export const TERMINAL_TASK_STATUSES = new Set(["completed", "canceled"]);
export const TERMINAL_RESERVATION_STATUSES = new Set(["rejected", "timeout", "canceled", "rescinded", "completed"]);

/** Should an event at `incomingMs` carrying `incoming` replace the stored state? */
export function isNewerState(
  stored: { status: string; lastEventAtMs: number },
  incoming: { status: string; atMs: number },
  rank: Record<string, number>,
  terminal: Set<string>,
): boolean {
  if (terminal.has(stored.status) && !terminal.has(incoming.status)) return false;
  if (incoming.atMs > stored.lastEventAtMs) return true;
  if (incoming.atMs < stored.lastEventAtMs) return false;
  return (rank[incoming.status] ?? 0) > (rank[stored.status] ?? 0);
}
