import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";

/** Enables or disables a user's sign-in. Admins cannot lock themselves out. Audited. */
export async function setUserDisabled(actor: SessionUser, userId: string, disabled: boolean) {
  if (actor.id === userId && disabled) {
    throw new AppError("conflict", "You cannot disable your own account.");
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, username: true } });
    if (!user) throw new AppError("not_found", "That user no longer exists.");
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    await recordAudit(
      { actorId: actor.id, action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: userId, details: { username: user.username } },
      tx,
    );
    return { id: user.id, disabled };
  });
}
