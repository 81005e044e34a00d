import "server-only";
/**
 * The agent console's contact panel: who is behind a phone number and what happened with them
 * before (calls, voicemails, SMS/WhatsApp conversations), newest first, each list capped.
 *
 * Interactions are found by the contact they were linked to and, for those stored before the
 * number had a contact (or when it has none), by the number itself. An erased contact is shown
 * as an unknown number. All staff may see the lists (the reservation card and the shared inbox
 * show the same); voicemail audio and transcriptions follow `voicemail-access`, and links to call
 * details go where the user may open them (supervisors: any call; agents: their own).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { audibleVoicemails } from "@/lib/server/recordings/voicemail-access";

export interface ContactHistoryCall {
  id: string;
  startedAt: string;
  direction: "inbound" | "outbound";
  outcome: string | null;
  disposition: string | null;
  durationSeconds: number | null;
  agentName: string | null;
  /** The call-detail page, when the user may open it. */
  detailHref: string | null;
}

export interface ContactHistoryVoicemail {
  id: string;
  createdAt: string;
  durationSeconds: number | null;
  handled: boolean;
  /** Only when the user may hear this voicemail (then also `recordingSid`, for the media route). */
  transcription: string | null;
  recordingSid: string | null;
  audible: boolean;
}

export interface ContactHistoryConversation {
  id: string;
  channel: "SMS" | "WHATSAPP";
  status: string;
  lastMessageAt: string;
  messages: { id: string; direction: string; body: string; status: string; createdAt: string }[];
}

export interface ContactHistory {
  phone: string;
  contact: { id: string; name: string; company: string | null; email: string | null; notes: string | null } | null;
  calls: { items: ContactHistoryCall[]; hasMore: boolean };
  voicemails: { items: ContactHistoryVoicemail[]; hasMore: boolean };
  conversations: { items: ContactHistoryConversation[]; hasMore: boolean };
}

/** Twilio CallStatus values of a call that has not ended. */
const ACTIVE_CALL_STATUSES = ["queued", "initiated", "ringing", "in-progress"];

/** Messages shown per conversation (the thread itself is in /messages). */
const MESSAGES_PER_CONVERSATION = 3;

function page<T>(rows: T[], limit: number) {
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** An agent's outbound call is stored as the TwiML App's inbound leg from `client:…` to the customer. */
function isOutbound(call: { direction: string; from: string }) {
  return call.direction !== "inbound" || call.from.startsWith("client:");
}

export async function getContactHistory(user: SessionUser, phone: string, options: { limit: number }): Promise<ContactHistory> {
  const { limit } = options;
  const supervisor = hasRole(user.role, SUPERVISOR_ROLES);
  const found = await db.contact.findUnique({
    where: { phone },
    select: { id: true, name: true, company: true, email: true, notes: true, erasedAt: true },
  });
  const contact = found && !found.erasedAt ? found : null;
  const byContact = contact ? [{ contactId: contact.id }] : [];

  // Child legs (the customer leg of an agent's outbound dial) repeat their parent: one row per
  // interaction. Calls still under way (the one being offered or talked on) are not "past".
  const callWhere: Prisma.CallWhereInput = {
    parentCallSid: null,
    status: { notIn: ACTIVE_CALL_STATUSES },
    OR: [...byContact, { from: phone }, { to: phone }],
  };
  const [calls, voicemails, conversations] = await Promise.all([
    db.call.findMany({
      where: callWhere,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, startedAt: true, direction: true, from: true, outcome: true, disposition: true, durationSeconds: true, agentId: true, agent: { select: { name: true } } },
    }),
    db.voicemail.findMany({
      where: { OR: [...byContact, { from: phone }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, createdAt: true, durationSeconds: true, handledAt: true, handledById: true, taskSid: true, transcription: true, recording: { select: { recordingSid: true } } },
    }),
    db.conversation.findMany({
      where: { OR: [...byContact, { customerAddress: phone }] },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        id: true, channel: true, status: true, lastMessageAt: true,
        messages: { orderBy: { createdAt: "desc" }, take: MESSAGES_PER_CONVERSATION, select: { id: true, direction: true, body: true, status: true, createdAt: true } },
      },
    }),
  ]);
  const audible = await audibleVoicemails(user, voicemails.slice(0, limit));

  return {
    phone,
    contact: contact ? { id: contact.id, name: contact.name, company: contact.company, email: contact.email, notes: contact.notes } : null,
    calls: page(
      calls.map((c) => ({
        id: c.id,
        startedAt: c.startedAt.toISOString(),
        direction: isOutbound(c) ? "outbound" : "inbound",
        outcome: c.outcome,
        disposition: c.disposition,
        durationSeconds: c.durationSeconds,
        agentName: c.agent?.name ?? null,
        detailHref: supervisor ? `/supervisor/calls/${c.id}` : c.agentId === user.id ? `/agent/calls/${c.id}` : null,
      })),
      limit,
    ),
    voicemails: page(
      voicemails.map((v) => {
        const canHear = audible.has(v);
        return {
          id: v.id,
          createdAt: v.createdAt.toISOString(),
          durationSeconds: v.durationSeconds,
          handled: v.handledAt !== null,
          transcription: canHear ? v.transcription : null,
          recordingSid: canHear ? (v.recording?.recordingSid ?? null) : null,
          audible: canHear,
        };
      }),
      limit,
    ),
    conversations: page(
      conversations.map((c) => ({
        id: c.id,
        channel: c.channel,
        status: c.status,
        lastMessageAt: c.lastMessageAt.toISOString(),
        // Oldest first inside the excerpt, as a thread reads.
        messages: c.messages.reverse().map((m) => ({ id: m.id, direction: m.direction, body: m.body, status: m.status, createdAt: m.createdAt.toISOString() })),
      })),
      limit,
    ),
  };
}
