import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";

export async function listDispositions(options: { activeOnly?: boolean } = {}) {
  return db.disposition.findMany({
    where: options.activeOnly ? { active: true } : {},
    orderBy: [{ position: "asc" }, { label: "asc" }],
    select: { id: true, code: true, label: true, active: true, position: true },
  });
}

export async function addDisposition(actor: SessionUser, input: { code: string; label: string }) {
  if (await db.disposition.findUnique({ where: { code: input.code } })) throw new AppError("conflict", "That code already exists.");
  const last = await db.disposition.aggregate({ _max: { position: true } });
  await db.$transaction(async (tx) => {
    const d = await tx.disposition.create({ data: { ...input, position: (last._max.position ?? 0) + 1 } });
    await recordAudit({ actorId: actor.id, action: "settings.disposition.add", targetType: "disposition", targetId: d.id, details: input }, tx);
  });
}

/** Dispositions are never deleted (old calls keep their code); they are deactivated. */
export async function updateDisposition(actor: SessionUser, input: { id: string; label: string; active: boolean; position: number }) {
  await db.$transaction(async (tx) => {
    const found = await tx.disposition.findUnique({ where: { id: input.id } });
    if (!found) throw new AppError("not_found", "That disposition no longer exists.");
    await tx.disposition.update({ where: { id: input.id }, data: { label: input.label, active: input.active, position: input.position } });
    await recordAudit({ actorId: actor.id, action: "settings.disposition.update", targetType: "disposition", targetId: input.id, details: input }, tx);
  });
}
