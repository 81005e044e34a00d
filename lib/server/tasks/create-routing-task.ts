import "server-only";
/**
 * Creates a TaskRouter task through the workflow (voicemails, callback requests, transfers).
 * Calls arriving through <Enqueue workflowSid> get their task from Twilio itself.
 * https://www.twilio.com/docs/taskrouter/api/task#create-a-task-resource
 */
import { getResourceSid } from "@/lib/server/twilio/config";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { twilioRequest } from "@/lib/server/twilio/errors";

export interface RoutingTaskInput {
  attributes: Record<string, unknown>;
  priority?: number;
  /** Seconds before TaskRouter cancels an unassigned task. */
  timeoutSeconds?: number;
}

export async function createRoutingTask(input: RoutingTaskInput): Promise<string> {
  const workspaceSid = await getResourceSid("workspaceSid");
  const workflowSid = await getResourceSid("workflowSid");
  const task = await twilioRequest("create the task", () =>
    getTwilioClient()
      .taskrouter.v1.workspaces(workspaceSid)
      .tasks.create({
        workflowSid,
        attributes: JSON.stringify(input.attributes),
        taskChannel: "voice",
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.timeoutSeconds ? { timeout: input.timeoutSeconds } : {}),
      }),
  );
  return task.sid;
}
