/**
 * When an agent may take or place another call: pure rules behind the "Take another call" button,
 * the dialer and the activity switcher. One caller hears the agent at a time, so every other call
 * must be on hold; TaskRouter's voice channel capacity (the user's voice capacity) bounds the rest.
 */

/** What the softphone and the Worker know right now. */
export interface MultiCallState {
  /** The user's voice capacity (TaskRouter's voice channel capacity). */
  capacity: number;
  /** The softphone's calls (ringing and connected), by key, and whether each is on hold. */
  calls: { key: string; held: boolean }[];
  /** Reservations that hold capacity: offered, accepted and wrapping. */
  openTasks: number;
  /** The Worker's activity name. */
  activity: string | null;
}

/** Why the agent cannot talk on a new call now (another call is live and not on hold), or null. */
export function liveCallReason(calls: MultiCallState["calls"], except?: string): string | null {
  return calls.some((c) => c.key !== except && !c.held) ? "you are on a call that is not on hold." : null;
}

export type TakeAnotherCall = { state: "ready" } | { state: "waiting" } | { state: "blocked"; reason: string };

/** Whether "Take another call" can make the agent Available for a second call now, and if not, why. */
export function takeAnotherCall(s: MultiCallState): TakeAnotherCall {
  if (s.capacity <= 1) return { state: "blocked", reason: "Your voice capacity is 1 call, so you can't take another call while this one is open. An admin can raise it." };
  if (s.openTasks >= s.capacity) return { state: "blocked", reason: `You already have ${s.openTasks} calls or tasks open, your voice capacity.` };
  if (liveCallReason(s.calls)) return { state: "blocked", reason: "Put your other call on hold first." };
  if (s.activity === "Available") return { state: "waiting" };
  return { state: "ready" };
}

/** Why the dialer cannot place a call now, or null: only when every call is on hold (or there is none). */
export function dialBlockReason(s: { registered: boolean; placing: boolean; calls: MultiCallState["calls"] }): string | null {
  if (!s.registered) return "Your softphone is not connected yet.";
  if (s.placing) return "A call is being placed.";
  if (liveCallReason(s.calls)) return "Put your current call on hold first (or finish it).";
  return null;
}

/** Why resuming this held call is refused (another call is live), or null. */
export function resumeBlockReason(calls: MultiCallState["calls"], key: string): string | null {
  return liveCallReason(calls, key) ? "Put your other call on hold (or end it) before resuming this one: one caller at a time hears you." : null;
}
