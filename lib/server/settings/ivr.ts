import "server-only";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import type { IvrSettingsInput } from "@/lib/validations/admin";
import { SETTING_KEYS } from "./get-settings";

export async function getIvrOptions() {
  return db.ivrOption.findMany({ orderBy: [{ position: "asc" }, { digit: "asc" }], select: { id: true, digit: true, label: true, keywords: true, action: true, queueId: true } });
}

/** Replaces the greeting, language and menu options. Audited. */
export async function updateIvr(actor: SessionUser, input: IvrSettingsInput) {
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: SETTING_KEYS.greeting }, create: { key: SETTING_KEYS.greeting, value: input.greeting }, update: { value: input.greeting } });
    await tx.setting.upsert({ where: { key: SETTING_KEYS.language }, create: { key: SETTING_KEYS.language, value: input.language }, update: { value: input.language } });
    await tx.ivrOption.deleteMany({});
    await tx.ivrOption.createMany({
      data: input.options.map((o, position) => ({ ...o, queueId: o.action === "QUEUE" ? o.queueId : null, position })),
    });
    await recordAudit({ actorId: actor.id, action: "settings.ivr", targetType: "settings", details: input }, tx);
  });
}
