import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";

/** Everything the call-detail page shows: timeline, routing history, recordings, notes. */
export async function getCallDetail(id: string) {
  const call = await db.call.findUnique({
    where: { id },
    select: {
      id: true, callSid: true, parentCallSid: true, direction: true, from: true, to: true, status: true,
      outcome: true, disposition: true, notes: true, ivrPath: true, startedAt: true, enqueuedAt: true,
      answeredAt: true, endedAt: true, queueSeconds: true, durationSeconds: true, taskSid: true, conferenceSid: true,
      contact: { select: { id: true, name: true, phone: true, company: true } },
      queue: { select: { name: true } },
      agent: { select: { name: true } },
      events: {
        orderBy: [{ occurredAt: "asc" }, { sequenceNumber: "asc" }],
        select: { id: true, source: true, type: true, sequenceNumber: true, occurredAt: true, details: true },
      },
      recordings: {
        orderBy: { createdAt: "asc" },
        select: { id: true, recordingSid: true, status: true, durationSeconds: true, channels: true, source: true, createdAt: true },
      },
      voicemail: { select: { id: true, transcription: true, durationSeconds: true, handledAt: true } },
    },
  });
  if (!call) throw new AppError("not_found", "That call does not exist.");

  const task = call.taskSid
    ? await db.task.findUnique({
        where: { taskSid: call.taskSid },
        select: {
          taskSid: true, status: true, type: true, priority: true, disposition: true, notes: true, reason: true,
          createdAt: true, assignedAt: true, wrapupAt: true, completedAt: true, canceledAt: true,
          queue: { select: { name: true } },
          reservations: {
            orderBy: { createdAt: "asc" },
            select: { reservationSid: true, status: true, createdAt: true, respondedAt: true, endedAt: true, user: { select: { name: true } } },
          },
        },
      })
    : null;

  const related = call.contact
    ? await db.call.findMany({
        where: { contactId: call.contact.id, id: { not: call.id } },
        orderBy: { startedAt: "desc" },
        take: 10,
        select: { id: true, direction: true, startedAt: true, outcome: true, durationSeconds: true },
      })
    : [];

  return { call, task, related };
}
export type CallDetail = Awaited<ReturnType<typeof getCallDetail>>;
