import { z } from "zod";

export const loginSchema = z.object({
  username: z
    .string({ message: "Enter your username." })
    .trim()
    .min(1, "Enter your username.")
    .max(64, "That username is too long."),
  password: z.string({ message: "Enter your password." }).min(1, "Enter your password.").max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;
