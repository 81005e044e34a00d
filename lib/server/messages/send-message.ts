import "server-only";
/**
 * Outbound SMS / WhatsApp from an agent. The message is stored before it is sent (status
 * "pending"), so a failure loses nothing: the thread shows it as failed with Twilio's reason and
 * it can be retried. Opted-out customers (STOP) are refused before Twilio is asked, with the same
 * readable reason Twilio's 21610 would give. Status callbacks then move it to sent / delivered.
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { findContactIdByPhone } from "@/lib/server/calls/upsert-call";
import type { Logger } from "@/lib/server/logger";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { getTwilioAccount } from "@/lib/server/twilio/config";
import { toTwilioAppError } from "@/lib/server/twilio/errors";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import type { Message } from "@/lib/generated/prisma/client";

type Channel = "SMS" | "WHATSAPP";

/** Reads a customer number typed by an agent (national numbers as US numbers) as E.164. */
export function parseCustomerNumber(raw: string): string {
  const parsed = /^\+?[\d\s().-]{3,24}$/.test(raw.trim()) ? parsePhoneNumberFromString(raw.trim(), "US") : undefined;
  if (!parsed || !parsed.isValid()) {
    throw new AppError("bad_request", `"${raw.trim().slice(0, 30)}" is not a valid phone number. Use the international format, e.g. +1 202 555 0123.`);
  }
  return parsed.number;
}

function channelAddress(channel: Channel, address: string): string {
  return channel === "WHATSAPP" ? `whatsapp:${address}` : address;
}

async function assertNotOptedOut(address: string, channel: Channel): Promise<void> {
  const optOut = await db.optOut.findUnique({ where: { address_channel: { address, channel } } });
  if (optOut && !optOut.optedInAt) {
    throw new AppError("conflict", `This customer opted out of ${channel === "WHATSAPP" ? "WhatsApp" : "text"} messages (replied ${optOut.keyword}). They must reply START before you can write again.`);
  }
}

/** Sends a stored message through Twilio and records the outcome on it. */
async function deliver(message: Message, channel: Channel, log: Logger): Promise<Message> {
  try {
    const sent = await getTwilioClient().messages.create({
      from: channelAddress(channel, message.from),
      to: channelAddress(channel, message.to),
      body: message.body,
      statusCallback: publicUrl(TWILIO_ROUTES.messagingStatus),
    });
    const updated = await db.message.update({
      where: { id: message.id },
      data: { messageSid: sent.sid, status: sent.status ?? "queued", attempts: { increment: 1 }, errorCode: null, errorMessage: null },
    });
    await publish("message.updated", { messageSid: sent.sid, conversationId: message.conversationId, status: updated.status, direction: "outbound" });
    return updated;
  } catch (error) {
    const appError = toTwilioAppError(error, "send the message");
    log.warn({ err: error, messageId: message.id }, "message could not be sent");
    const twilioCode = appError.details?.twilioCode;
    await db.message.update({
      where: { id: message.id },
      data: { status: "failed", attempts: { increment: 1 }, errorCode: typeof twilioCode === "number" ? twilioCode : null, errorMessage: appError.message },
    });
    await publish("message.updated", { messageSid: null, conversationId: message.conversationId, status: "failed", direction: "outbound" });
    throw appError;
  }
}

async function storeAndSend(user: SessionUser, conversation: { id: string; channel: Channel; customerAddress: string; businessAddress: string }, body: string, log: Logger) {
  await assertNotOptedOut(conversation.customerAddress, conversation.channel);
  const message = await db.message.create({
    data: {
      conversationId: conversation.id, direction: "outbound", from: conversation.businessAddress, to: conversation.customerAddress,
      body, mediaUrls: [], status: "pending", senderId: user.id,
    },
  });
  await db.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: message.createdAt, status: "open" } });
  // The first agent to write takes the conversation; later replies by others keep the assignee.
  await db.conversation.updateMany({ where: { id: conversation.id, assigneeId: null }, data: { assigneeId: user.id } });
  return deliver(message, conversation.channel, log);
}

/** An agent's reply in an existing conversation. */
export async function replyToConversation(user: SessionUser, conversationId: string, body: string, log: Logger) {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
  if (!conversation) throw new AppError("not_found", "That conversation no longer exists.");
  return storeAndSend(user, conversation, body, log);
}

/** Starts (or continues) the conversation with a number and sends the first message. */
export async function startConversation(user: SessionUser, input: { to: string; channel: Channel; body: string }, log: Logger) {
  const customerAddress = parseCustomerNumber(input.to);
  const businessAddress = getTwilioAccount().phoneNumber;
  await assertNotOptedOut(customerAddress, input.channel);
  const conversation = await db.conversation.upsert({
    where: { channel_customerAddress_businessAddress: { channel: input.channel, customerAddress, businessAddress } },
    create: { channel: input.channel, customerAddress, businessAddress, contactId: await findContactIdByPhone(customerAddress), assigneeId: user.id },
    update: {},
  });
  const message = await storeAndSend(user, conversation, input.body, log);
  return { conversationId: conversation.id, message };
}

/** Sends a failed outbound message again (same row, so the thread keeps one copy). */
export async function retryMessage(messageId: string, log: Logger) {
  const message = await db.message.findUnique({ where: { id: messageId }, include: { conversation: true } });
  if (!message || message.direction !== "outbound") throw new AppError("not_found", "That message no longer exists.");
  if (message.status !== "failed") throw new AppError("conflict", "Only a failed message can be sent again.");
  await assertNotOptedOut(message.to, message.conversation.channel);
  return deliver(message, message.conversation.channel, log);
}
