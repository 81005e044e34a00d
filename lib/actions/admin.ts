"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/server/auth/authed-action";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { updateQueue } from "@/lib/server/queues/update-queue";
import { addHoliday, removeHoliday, replaceBusinessHours } from "@/lib/server/settings/business-hours";
import { addDisposition, updateDisposition } from "@/lib/server/settings/dispositions";
import { updateIvr } from "@/lib/server/settings/ivr";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { createUser } from "@/lib/server/users/create-user";
import { resetPassword, updateUser } from "@/lib/server/users/update-user";
import {
  businessHoursSchema,
  callHandlingSchema,
  createUserSchema,
  dispositionSchema,
  dispositionUpdateSchema,
  holidaySchema,
  idSchema,
  ivrSettingsSchema,
  queueSettingsSchema,
  resetPasswordSchema,
  updateUserSchema,
} from "@/lib/validations/admin";

const admin = { roles: ADMIN_ROLES };

export const createUserAction = authedAction({ ...admin, schema: createUserSchema }, async (input, actor) => {
  const user = await createUser(actor, input);
  revalidatePath("/admin");
  return user;
});

export const updateUserAction = authedAction({ ...admin, schema: updateUserSchema }, async (input, actor) => {
  const user = await updateUser(actor, input);
  revalidatePath("/admin");
  return { id: user.id };
});

export const resetPasswordAction = authedAction({ ...admin, schema: resetPasswordSchema }, async ({ userId, password }, actor) => {
  await resetPassword(actor, userId, password);
  return { id: userId };
});

export const saveBusinessHoursAction = authedAction({ ...admin, schema: businessHoursSchema }, async (input, actor) => {
  await replaceBusinessHours(actor, input);
  revalidatePath("/admin/hours");
  return { saved: true };
});

export const addHolidayAction = authedAction({ ...admin, schema: holidaySchema }, async (input, actor) => {
  await addHoliday(actor, input);
  revalidatePath("/admin/hours");
  return { saved: true };
});

export const removeHolidayAction = authedAction({ ...admin, schema: idSchema }, async ({ id }, actor) => {
  await removeHoliday(actor, id);
  revalidatePath("/admin/hours");
  return { saved: true };
});

export const saveIvrAction = authedAction({ ...admin, schema: ivrSettingsSchema }, async (input, actor) => {
  await updateIvr(actor, input);
  revalidatePath("/admin/ivr");
  return { saved: true };
});

export const saveQueueAction = authedAction({ ...admin, schema: queueSettingsSchema }, async (input, actor) => {
  await updateQueue(actor, input);
  revalidatePath("/admin/queues");
  return { saved: true };
});

export const saveCallHandlingAction = authedAction({ ...admin, schema: callHandlingSchema }, async (input, actor) => {
  await updateSettings(actor, input, "settings.call-handling");
  revalidatePath("/admin/call-handling");
  return { saved: true };
});

export const addDispositionAction = authedAction({ ...admin, schema: dispositionSchema }, async (input, actor) => {
  await addDisposition(actor, input);
  revalidatePath("/admin/call-handling");
  return { saved: true };
});

export const updateDispositionAction = authedAction({ ...admin, schema: dispositionUpdateSchema }, async (input, actor) => {
  await updateDisposition(actor, input);
  revalidatePath("/admin/call-handling");
  return { saved: true };
});

const greetingSchema = z.object({ businessName: z.string().trim().min(1, "Enter the business name.").max(80) });
export const saveBusinessNameAction = authedAction({ ...admin, schema: greetingSchema }, async (input, actor) => {
  await updateSettings(actor, input, "settings.business-name");
  revalidatePath("/admin");
  return { saved: true };
});
