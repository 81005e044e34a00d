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
