"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/server/auth/authed-action";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { setVoicemailHandled } from "@/lib/server/voicemail/set-voicemail-handled";
import { setVoicemailHandledSchema } from "@/lib/validations/voicemail";

export const setVoicemailHandledAction = authedAction(
  { roles: STAFF_ROLES, schema: setVoicemailHandledSchema },
  async ({ voicemailId, handled }, actor) => {
    const result = await setVoicemailHandled(actor, voicemailId, handled);
    revalidatePath("/supervisor/voicemail");
    return { id: result.id, handled: result.handledAt !== null };
  },
);
