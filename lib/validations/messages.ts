import { z } from "zod";

/** SMS bodies up to Twilio's 1,600-character limit. */
const body = z
  .string()
  .trim()
  .min(1, "Write a message first.")
  .max(1600, "Messages can be at most 1,600 characters.");

export const replySchema = z.object({ body });

export const startConversationSchema = z.object({
  to: z.string().trim().min(1, "Enter the customer's phone number."),
  channel: z.enum(["SMS", "WHATSAPP"]).default("SMS"),
  body,
});

export const conversationStatusSchema = z.object({ status: z.enum(["open", "closed"]) });

export const conversationIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "Unknown conversation.");
export const messageIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "Unknown message.");
