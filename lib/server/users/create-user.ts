import "server-only";
import bcrypt from "bcryptjs";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import type { CreateUserInput } from "@/lib/validations/admin";

export async function createUser(actor: SessionUser, input: CreateUserInput) {
  const clash = await db.user.findFirst({
    where: { OR: [{ username: input.username }, { email: input.email }] },
    select: { username: true },
  });
  if (clash) {
    throw new AppError("conflict", clash.username === input.username ? "That username is taken." : "That email address is already used.");
  }
  const passwordHash = await bcrypt.hash(input.password, 10);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        username: input.username, name: input.name, email: input.email, role: input.role,
        skills: input.skills, languages: input.languages, voiceCapacity: input.voiceCapacity, passwordHash,
      },
      select: { id: true, username: true },
    });
    await recordAudit({ actorId: actor.id, action: "user.create", targetType: "user", targetId: user.id, details: { username: user.username, role: input.role } }, tx);
    return user;
  });
}
