import "server-only";
/**
 * Inbound SMS / WhatsApp: threads the message into its conversation (one per customer address,
 * business address and channel) and records STOP / START opt-outs. Twilio itself answers the
 * standard opt-out keywords on long codes, so the app replies with an empty <Response/>.
 * https://www.twilio.com/docs/messaging/guides/webhook-request
 * https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { findContactIdByPhone } from "@/lib/server/calls/upsert-call";
import type { MessagingIncoming } from "@/lib/validations/twilio";

const OPT_OUT = new Set(["stop", "stopall", "unsubscribe", "cancel", "end", "quit"]);
const OPT_IN = new Set(["start", "unstop", "yes"]);

function splitAddress(address: string): { channel: "SMS" | "WHATSAPP"; address: string } {
  return address.startsWith("whatsapp:") ? { channel: "WHATSAPP", address: address.slice(9) } : { channel: "SMS", address };
}

export async function receiveInboundMessage(params: MessagingIncoming): Promise<void> {
  const from = splitAddress(params.From);
  const to = splitAddress(params.To);
  const mediaUrls = Array.from({ length: params.NumMedia ?? 0 }, (_, i) => params[`MediaUrl${i}`]).filter((u): u is string => typeof u === "string");
  const contactId = await findContactIdByPhone(from.address);
  const now = new Date();
  const conversation = await db.conversation.upsert({
    where: { channel_customerAddress_businessAddress: { channel: from.channel, customerAddress: from.address, businessAddress: to.address } },
    create: { channel: from.channel, customerAddress: from.address, businessAddress: to.address, contactId, lastMessageAt: now },
    update: { lastMessageAt: now, status: "open" },
  });
  await db.message.createMany({
    data: [{
      messageSid: params.MessageSid, conversationId: conversation.id, direction: "inbound",
      from: from.address, to: to.address, body: params.Body, mediaUrls, status: "received",
    }],
    skipDuplicates: true,
  });
  const keyword = params.Body.trim().toLowerCase();
  if (OPT_OUT.has(keyword)) {
    await db.optOut.upsert({
      where: { address_channel: { address: from.address, channel: from.channel } },
      create: { address: from.address, channel: from.channel, keyword: keyword.toUpperCase() },
      update: { keyword: keyword.toUpperCase(), optedOutAt: now, optedInAt: null },
    });
  } else if (OPT_IN.has(keyword)) {
    await db.optOut.updateMany({ where: { address: from.address, channel: from.channel, optedInAt: null }, data: { optedInAt: now } });
  }
  await publish("message.updated", { messageSid: params.MessageSid, conversationId: conversation.id, status: "received", direction: "inbound" });
}
