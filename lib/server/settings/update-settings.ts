import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { SETTING_KEYS, type AppSettings } from "./get-settings";

/** Writes some settings in one transaction, with one audit entry listing what changed. */
export async function updateSettings(actor: SessionUser, changes: Partial<AppSettings>, action: string) {
  await db.$transaction(async (tx) => {
    for (const [field, value] of Object.entries(changes) as [keyof AppSettings, Prisma.InputJsonValue][]) {
      const key = SETTING_KEYS[field];
      await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await recordAudit({ actorId: actor.id, action, targetType: "settings", details: changes as Prisma.InputJsonValue }, tx);
  });
}
