import "server-only";
import { setTaskAssignmentStatus } from "@/lib/server/twilio/taskrouter";

/**
 * Moves an assigned task to wrapping when its conference ended (Twilio does the same for tasks
 * whose reservation used the conference instruction; doing it explicitly is harmless and covers
 * transfer tasks that joined an existing conference).
 */
export async function moveTaskToWrapup(taskSid: string): Promise<void> {
  await setTaskAssignmentStatus(taskSid, "wrapping", "conference ended");
}
