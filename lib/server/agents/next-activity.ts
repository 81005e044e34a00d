/** The activity rules of settle-agent-activity.ts, as a pure function. */
import type { ActivityName } from "./activity-sids";

export type SettleCause = "reserved" | "released" | "wrapping" | "completed";

/** The activity a cause moves the agent to from `current`, or null to leave it. Break and Offline are left alone. */
export function nextActivity(cause: SettleCause, current: string, other: { live: boolean; wrapping: boolean }): ActivityName | null {
  const managed = current === "Available" || current === "Busy" || current === "Wrap-up";
  if (!managed) return null;
  let next: ActivityName;
  switch (cause) {
    case "reserved":
      next = current === "Available" ? "Busy" : (current as ActivityName);
      break;
    case "released":
      next = current === "Busy" && !other.live && !other.wrapping ? "Available" : (current as ActivityName);
      break;
    case "wrapping":
      next = other.live ? "Busy" : "Wrap-up";
      break;
    case "completed":
      next = other.live ? "Busy" : other.wrapping ? "Wrap-up" : "Available";
      break;
  }
  return next === current ? null : next;
}
