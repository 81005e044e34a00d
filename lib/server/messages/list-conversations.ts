import "server-only";
/** The shared messaging inbox: conversations newest first, and one conversation's thread. */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";

export type ConversationFilter = "open" | "closed" | "mine";

export async function listConversations(userId: string, filter: ConversationFilter = "open", limit = 100) {
  const where = filter === "mine" ? { assigneeId: userId, status: "open" } : { status: filter };
  const conversations = await db.conversation.findMany({
    where,
    orderBy: { lastMessageAt: "desc" },
    take: limit,
    include: {
      contact: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      messages: { orderBy: { createdAt: "desc" }, take: 1, select: { body: true, direction: true, status: true, createdAt: true } },
    },
  });
  return conversations.map(({ messages, ...c }) => ({ ...c, lastMessage: messages[0] ?? null }));
}

export type ConversationSummary = Awaited<ReturnType<typeof listConversations>>[number];

export async function getConversation(id: string) {
  const conversation = await db.conversation.findUnique({
    where: { id },
    include: {
      contact: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      messages: { orderBy: { createdAt: "asc" }, take: 500, include: { sender: { select: { name: true } } } },
    },
  });
  if (!conversation) throw new AppError("not_found", "That conversation no longer exists.");
  const optOut = await db.optOut.findUnique({
    where: { address_channel: { address: conversation.customerAddress, channel: conversation.channel } },
  });
  return { ...conversation, optedOut: !!optOut && !optOut.optedInAt };
}

export type ConversationThread = Awaited<ReturnType<typeof getConversation>>;

export async function setConversationStatus(id: string, status: "open" | "closed") {
  const updated = await db.conversation.updateMany({ where: { id }, data: { status } });
  if (updated.count === 0) throw new AppError("not_found", "That conversation no longer exists.");
}
