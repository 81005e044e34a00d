import "server-only";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import type { BusinessHoursInput } from "@/lib/validations/admin";
import { SETTING_KEYS } from "./get-settings";

export async function getBusinessHours() {
  const [slots, holidays] = await Promise.all([
    db.businessHours.findMany({ orderBy: [{ dayOfWeek: "asc" }, { opensAt: "asc" }] }),
    db.holiday.findMany({ orderBy: { date: "asc" } }),
  ]);
  return { slots, holidays };
}

/** Replaces the weekly schedule (and the business time zone) in one go. Audited. */
export async function replaceBusinessHours(actor: SessionUser, input: BusinessHoursInput) {
  await db.$transaction(async (tx) => {
    await tx.businessHours.deleteMany({});
    await tx.businessHours.createMany({ data: input.slots.map((s) => ({ ...s, timezone: input.timezone })) });
    await tx.setting.upsert({
      where: { key: SETTING_KEYS.timezone },
      create: { key: SETTING_KEYS.timezone, value: input.timezone },
      update: { value: input.timezone },
    });
    await recordAudit({ actorId: actor.id, action: "settings.business-hours", targetType: "settings", details: { timezone: input.timezone, slots: input.slots } }, tx);
  });
}

export async function addHoliday(actor: SessionUser, input: { date: string; name: string }) {
  const date = new Date(`${input.date}T00:00:00Z`);
  if (await db.holiday.findUnique({ where: { date } })) throw new AppError("conflict", "That date is already a holiday.");
  await db.$transaction(async (tx) => {
    const holiday = await tx.holiday.create({ data: { date, name: input.name } });
    await recordAudit({ actorId: actor.id, action: "settings.holiday.add", targetType: "holiday", targetId: holiday.id, details: input }, tx);
  });
}

export async function removeHoliday(actor: SessionUser, id: string) {
  await db.$transaction(async (tx) => {
    const holiday = await tx.holiday.findUnique({ where: { id } });
    if (!holiday) throw new AppError("not_found", "That holiday was already removed.");
    await tx.holiday.delete({ where: { id } });
    await recordAudit({ actorId: actor.id, action: "settings.holiday.remove", targetType: "holiday", targetId: id, details: { name: holiday.name } }, tx);
  });
}
