import "server-only";
import { db } from "@/lib/server/db";

export interface CallIdentity {
  callSid: string;
  from: string;
  to: string;
  direction: string;
  parentCallSid?: string | null;
  status?: string;
}

/** Creates the call row on first sight (any webhook may be first), else returns it unchanged. */
export async function upsertCall(call: CallIdentity, extra: { contactId?: string | null; agentId?: string | null } = {}) {
  return db.call.upsert({
    where: { callSid: call.callSid },
    create: {
      callSid: call.callSid,
      from: call.from,
      to: call.to,
      direction: call.direction,
      parentCallSid: call.parentCallSid ?? null,
      status: call.status ?? "ringing",
      contactId: extra.contactId ?? null,
      agentId: extra.agentId ?? null,
    },
    update: {},
  });
}

type CallEventInput = { source: string; type: string; sequenceNumber?: number | null; occurredAt?: Date; details?: object };

/**
 * The first webhook of a call: creates the call and its first event in one statement (one commit),
 * or, when another callback created the call first, adds the event to it.
 */
export async function createCallWithEvent(call: CallIdentity, extra: { contactId?: string | null; agentId?: string | null }, event: CallEventInput) {
  const existing = await db.call.findUnique({ where: { callSid: call.callSid } });
  if (!existing) {
    try {
      return await db.call.create({
        data: {
          callSid: call.callSid,
          from: call.from,
          to: call.to,
          direction: call.direction,
          parentCallSid: call.parentCallSid ?? null,
          status: call.status ?? "ringing",
          contactId: extra.contactId ?? null,
          agentId: extra.agentId ?? null,
          events: { create: [{ source: event.source, type: event.type, sequenceNumber: event.sequenceNumber ?? null, occurredAt: event.occurredAt ?? new Date(), details: event.details ?? undefined }] },
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error; // created concurrently: fall through
    }
  }
  const row = existing ?? (await upsertCall(call, extra));
  await addCallEvent(row.id, event);
  return row;
}

export async function addCallEvent(
  callId: string,
  event: { source: string; type: string; sequenceNumber?: number | null; occurredAt?: Date; details?: object },
) {
  await db.callEvent.createMany({
    data: [
      {
        callId,
        source: event.source,
        type: event.type,
        sequenceNumber: event.sequenceNumber ?? null,
        occurredAt: event.occurredAt ?? new Date(),
        details: event.details ?? undefined,
      },
    ],
    skipDuplicates: true,
  });
}

export async function findContactIdByPhone(phone: string): Promise<string | null> {
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return null;
  const contact = await db.contact.findUnique({ where: { phone }, select: { id: true, erasedAt: true } });
  return contact && !contact.erasedAt ? contact.id : null;
}
