import { z } from "zod";

export const AGENT_ACTIVITIES = ["Available", "Break", "Offline"] as const;

/** Activities a supervisor may put an agent in; Busy and Wrap-up belong to TaskRouter and the call. */
export const setAgentActivitySchema = z.object({
  activity: z.enum(AGENT_ACTIVITIES, { message: "Choose Available, Break or Offline." }),
});
export type SetAgentActivityInput = z.infer<typeof setAgentActivitySchema>;

export const userIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "That is not a valid user.");
