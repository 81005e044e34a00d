import { handleTaskRouterEvent } from "@/lib/server/tasks/handle-taskrouter-event";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { taskRouterEventSchema } from "@/lib/validations/twilio";

/** The workspace's event callback: stores tasks, reservations, activity intervals; 204. */
export const POST = withTwilioWebhook(taskRouterEventSchema, ({ params, log }) => handleTaskRouterEvent(params, log), {
  responds: "empty",
  naturalKey: (p) => p.Sid ?? null,
  resourceSid: (p) => p.ResourceSid ?? p.TaskSid,
});
