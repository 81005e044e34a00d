import { z } from "zod";

export const videoTokenSchema = z.object({
  room: z.string({ message: "Choose a room to join." }).trim().min(1, "Choose a room to join.").max(128, "That room name is too long."),
});
export type VideoTokenInput = z.infer<typeof videoTokenSchema>;
