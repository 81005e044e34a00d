import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";

/** Marks a voicemail handled (or reopens it). Audited. */
export async function setVoicemailHandled(actor: SessionUser, voicemailId: string, handled: boolean) {
  return db.$transaction(async (tx) => {
    const voicemail = await tx.voicemail.findUnique({ where: { id: voicemailId }, select: { id: true } });
    if (!voicemail) throw new AppError("not_found", "That voicemail no longer exists.");
    const updated = await tx.voicemail.update({
      where: { id: voicemailId },
      data: handled ? { handledAt: new Date(), handledById: actor.id } : { handledAt: null, handledById: null },
      select: { id: true, handledAt: true },
    });
    await recordAudit({ actorId: actor.id, action: handled ? "voicemail.handle" : "voicemail.reopen", targetType: "voicemail", targetId: voicemailId }, tx);
    return updated;
  });
}
