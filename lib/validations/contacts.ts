import { z } from "zod";

/** A customer's number in the URL of the contact-history route: E.164 only (the console sends what it stored). */
export const contactPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "That is not a phone number in international format (E.164), e.g. +12025550111.");

/** How many of each kind (calls, voicemails, conversations) one answer carries. */
export const contactHistoryQuerySchema = z.object({
  limit: z.coerce.number({ message: "The limit must be a number." }).int("The limit must be a whole number.").min(1, "The limit must be at least 1.").max(50, "The limit can be at most 50.").default(10),
});
export type ContactHistoryQuery = z.infer<typeof contactHistoryQuerySchema>;
