import "server-only";
/**
 * Busy / Wrap-up / Available, kept by the app. The workspace is multitasking (so an agent with
 * voice capacity 2 can hold one call and take another), and multitasking TaskRouter never changes
 * a worker's activity on its own: TaskQueue AssignmentActivity and the conference instruction's
 * post_work_activity_sid only act in single-tasking workspaces. The app does what they did:
 * - reserved or assigned while Available → Busy (so an agent on a call is offered nothing more;
 *   "Take another call" sets Available again while every call is on hold);
 * - a reservation that ends unanswered → back to Available, unless other work is still open;
 * - a task moves to wrapping → Wrap-up, unless another call is still live (then Busy stays);
 * - a task completes → Busy while another call is live, Wrap-up while another task still wraps,
 *   otherwise Available.
 * Only the app's own states are replaced: Break and Offline are never overridden.
 * https://www.twilio.com/docs/taskrouter/multitasking
 */
import { db } from "@/lib/server/db";
import { fetchWorkerActivityName, setWorkerActivity } from "@/lib/server/twilio/taskrouter";
import { activitySid, type ActivityName } from "./activity-sids";
import { nextActivity, type SettleCause } from "./next-activity";

export type { SettleCause };

const OPEN_RESERVATION = ["pending", "accepted", "wrapping"];
const OPEN_TASK = ["pending", "reserved", "assigned", "wrapping"];

/** The agent's open work other than `exceptTaskSid`: a live (ringing or assigned) task, a wrapping one. */
export async function otherOpenWork(workerSid: string, exceptTaskSid: string | null) {
  const rows = await db.reservation.findMany({
    where: {
      workerSid,
      status: { in: OPEN_RESERVATION },
      task: { status: { in: OPEN_TASK }, ...(exceptTaskSid ? { taskSid: { not: exceptTaskSid } } : {}) },
    },
    select: { status: true, task: { select: { status: true } } },
  });
  return {
    live: rows.some((r) => r.status === "pending" || (r.status === "accepted" && r.task.status !== "wrapping")),
    wrapping: rows.some((r) => r.status === "wrapping" || r.task.status === "wrapping"),
  };
}

/** Activities a cause can move the agent away from (reserved: only Available; released: only Busy). */
const MOVES_FROM: Partial<Record<SettleCause, string>> = { reserved: "Available", released: "Busy" };

/**
 * Moves the worker as `cause` requires (see above); `taskSid` is the task that caused it.
 * `activityHint` is the worker's activity as the event reported it: when it already rules a move
 * out, no REST call is made (events are delivered one after another; each handler adds latency).
 */
export async function settleAgentActivity(workerSid: string, taskSid: string | null, cause: SettleCause, activityHint?: string): Promise<ActivityName | null> {
  const from = MOVES_FROM[cause];
  if (from && activityHint && activityHint !== from) return null;
  const [current, other] = await Promise.all([fetchWorkerActivityName(workerSid), otherOpenWork(workerSid, taskSid)]);
  const next = nextActivity(cause, current, other);
  if (next) await setWorkerActivity(workerSid, await activitySid(next));
  return next;
}
