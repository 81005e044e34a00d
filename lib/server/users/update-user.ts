import "server-only";
import bcrypt from "bcryptjs";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { setWorkerVoiceCapacity } from "@/lib/server/twilio/taskrouter";
import type { UpdateUserInput } from "@/lib/validations/admin";

/**
 * Changes a user's profile, role and routing (skills, languages, capacity). Audited. A changed
 * voice capacity goes to their TaskRouter worker's `voice` channel first, so a refusal leaves the
 * user unchanged. Not inside the transaction: TaskRouter's worker.capacity.update event callback
 * reaches this app while the request waits, and must not queue behind an open transaction.
 */
export async function updateUser(actor: SessionUser, input: UpdateUserInput) {
  if (actor.id === input.userId && input.role !== "ADMIN") {
    throw new AppError("conflict", "You cannot remove your own admin role.");
  }
  const emailOwner = await db.user.findFirst({ where: { email: input.email, id: { not: input.userId } }, select: { id: true } });
  if (emailOwner) throw new AppError("conflict", "That email address is already used.");
  const current = await db.user.findUnique({ where: { id: input.userId }, select: { workerSid: true, voiceCapacity: true } });
  if (current?.workerSid && current.voiceCapacity !== input.voiceCapacity) await setWorkerVoiceCapacity(current.workerSid, input.voiceCapacity);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true, skills: true, languages: true, voiceCapacity: true } });
    if (!before) throw new AppError("not_found", "That user no longer exists.");
    const user = await tx.user.update({
      where: { id: input.userId },
      data: { name: input.name, email: input.email, role: input.role, skills: input.skills, languages: input.languages, voiceCapacity: input.voiceCapacity },
      select: { id: true, username: true, workerSid: true, skills: true, languages: true, voiceCapacity: true, name: true },
    });
    await recordAudit(
      { actorId: actor.id, action: "user.update", targetType: "user", targetId: user.id, details: { before, after: { role: input.role, skills: input.skills, languages: input.languages, voiceCapacity: input.voiceCapacity } } },
      tx,
    );
    return user;
  });
}

/** Sets a new password for a user (the admin tells them out of band). Audited. */
export async function resetPassword(actor: SessionUser, userId: string, password: string) {
  const passwordHash = await bcrypt.hash(password, 10);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError("not_found", "That user no longer exists.");
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await recordAudit({ actorId: actor.id, action: "user.reset-password", targetType: "user", targetId: userId }, tx);
  });
}
