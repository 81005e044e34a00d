import "server-only";
/**
 * Message status callbacks. Statuses only move forward (a late `sent` never overwrites
 * `delivered`); failures keep Twilio's error code.
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import type { MessagingStatus } from "@/lib/validations/twilio";

const RANK: Record<string, number> = { pending: 0, accepted: 1, scheduled: 1, queued: 2, sending: 3, sent: 4, delivered: 5, read: 6, undelivered: 6, failed: 6, canceled: 6 };

export async function recordMessageStatus(params: MessagingStatus): Promise<void> {
  const message = await db.message.findUnique({ where: { messageSid: params.MessageSid } });
  if (!message) return; // not sent by this app (or already erased)
  if ((RANK[params.MessageStatus] ?? 0) < (RANK[message.status] ?? 0)) return;
  const updated = await db.message.update({
    where: { id: message.id },
    data: {
      status: params.MessageStatus,
      ...(params.ErrorCode !== undefined ? { errorCode: params.ErrorCode, errorMessage: params.ErrorMessage ?? null } : {}),
      ...(params.MessageStatus === "sent" && !message.sentAt ? { sentAt: new Date() } : {}),
      ...(params.MessageStatus === "delivered" && !message.deliveredAt ? { deliveredAt: new Date() } : {}),
    },
  });
  await publish("message.updated", { messageSid: params.MessageSid, conversationId: updated.conversationId, status: updated.status, direction: updated.direction });
}
