import "server-only";
import { db } from "@/lib/server/db";

export async function listVoicemails(options: { status: "open" | "all"; limit?: number }) {
  return db.voicemail.findMany({
    where: options.status === "open" ? { handledAt: null } : {},
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: {
      id: true, from: true, durationSeconds: true, transcription: true, transcriptionStatus: true, createdAt: true, handledAt: true,
      callId: true,
      contact: { select: { name: true } },
      queue: { select: { name: true } },
      handledBy: { select: { name: true } },
      recording: { select: { recordingSid: true } },
    },
  });
}
export type VoicemailListItem = Awaited<ReturnType<typeof listVoicemails>>[number];
