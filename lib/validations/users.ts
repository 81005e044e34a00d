import { z } from "zod";

export const setUserDisabledSchema = z.object({
  userId: z.string().min(1, "Choose a user."),
  disabled: z.boolean(),
});
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;
