"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/server/auth/authed-action";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { createInspection } from "@/lib/server/inspections/create-inspection";
import { createInvite, revokeInvite } from "@/lib/server/inspections/invites";
import { saveInspectionNotes } from "@/lib/server/inspections/save-inspection-notes";
import { createInspectionSchema, createInviteSchema, revokeInviteSchema, saveNotesSchema } from "@/lib/validations/inspections";

export const createInspectionAction = authedAction({ roles: STAFF_ROLES, schema: createInspectionSchema }, async (input, actor) => {
  const created = await createInspection(actor, input);
  revalidatePath("/rooms");
  return created;
});

export const createInviteAction = authedAction({ roles: STAFF_ROLES, schema: createInviteSchema }, async (input, actor) => {
  const invite = await createInvite(actor, input);
  revalidatePath(`/rooms/${input.inspectionId}`);
  return { id: invite.id, url: invite.url, expiresAt: invite.expiresAt.toISOString() };
});

export const revokeInviteAction = authedAction({ roles: STAFF_ROLES, schema: revokeInviteSchema }, async ({ inspectionId, inviteId }, actor) => {
  await revokeInvite(actor, inspectionId, inviteId);
  revalidatePath(`/rooms/${inspectionId}`);
  return { id: inviteId };
});

export const saveNotesAction = authedAction({ roles: STAFF_ROLES, schema: saveNotesSchema }, async ({ inspectionId, notes }) => {
  await saveInspectionNotes(inspectionId, notes);
  revalidatePath(`/rooms/${inspectionId}`);
  return { id: inspectionId };
});
