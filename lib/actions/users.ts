"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/server/auth/authed-action";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { setUserDisabledSchema } from "@/lib/validations/users";

export const setUserDisabledAction = authedAction(
  { roles: ADMIN_ROLES, schema: setUserDisabledSchema },
  async ({ userId, disabled }, actor) => {
    const result = await setUserDisabled(actor, userId, disabled);
    revalidatePath("/admin");
    return result;
  },
);
