import "server-only";
/**
 * Dispatches a TaskRouter event callback to its handler. Events the app does not store
 * (workflow.*, task-queue.*, activity.*…) are acknowledged and ignored.
 * https://www.twilio.com/docs/taskrouter/api/event/reference
 */
import type { Logger } from "@/lib/server/logger";
import type { TaskRouterEvent } from "@/lib/validations/twilio";
import { applyReservationEvent } from "./events/reservation-event";
import { applyTaskEvent } from "./events/task-event";
import { applyWorkerActivityEvent } from "./events/worker-activity-event";

export async function handleTaskRouterEvent(event: TaskRouterEvent, log: Logger): Promise<void> {
  const type = event.EventType;
  if (type.startsWith("reservation.")) return applyReservationEvent(event);
  if (type.startsWith("task.") && type !== "task.deleted" && type !== "task.system-deleted" && !type.startsWith("task.transfer")) {
    await applyTaskEvent(event);
    return;
  }
  if (type === "worker.activity.update") return applyWorkerActivityEvent(event);
  log.debug({ eventType: type }, "TaskRouter event not stored");
}
