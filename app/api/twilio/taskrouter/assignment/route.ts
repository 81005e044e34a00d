import { buildAssignmentInstruction } from "@/lib/server/tasks/build-assignment-instruction";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { assignmentRequestSchema } from "@/lib/validations/twilio";

/** The workflow's assignment callback: JSON instruction within 5 s (no REST calls inside). */
export const POST = withTwilioWebhook(assignmentRequestSchema, ({ params }) => buildAssignmentInstruction(params), {
  responds: "json",
  naturalKey: (p) => p.ReservationSid,
  resourceSid: (p) => p.TaskSid,
});
