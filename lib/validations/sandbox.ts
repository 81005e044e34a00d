import { z } from "zod";

const e164 = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "Enter a number in international format, e.g. +12025550111.");

/** Move the sandbox clock forward (the console's clock controls). */
export const advanceClockSchema = z.object({
  advanceMs: z.number({ message: "Choose how far to move the clock." }).int().min(1, "Move the clock by at least 1 ms.").max(86_400_000, "Move the clock by at most a day at a time."),
});
export type AdvanceClockInput = z.infer<typeof advanceClockSchema>;

/** A customer texts one of the account's numbers (SMS or WhatsApp). */
export const inboundMessageSchema = z.object({
  from: e164,
  to: e164,
  body: z.string().trim().min(1, "Type a message.").max(1600, "Messages are limited to 1600 characters."),
  channel: z.enum(["sms", "whatsapp"]).default("sms"),
});
export type InboundMessageInput = z.infer<typeof inboundMessageSchema>;
