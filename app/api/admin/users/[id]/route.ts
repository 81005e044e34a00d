import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { withAuth } from "@/lib/server/auth/with-auth";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { setUserDisabledSchema } from "@/lib/validations/users";

/** Enables or disables a user: PATCH { disabled: boolean }. */
export const PATCH = withAuth<{ id: string }>(
  async (request, { user, params }) => {
    const body = await request.json().catch(() => null);
    const parsed = setUserDisabledSchema.safeParse({ ...(body ?? {}), userId: params.id });
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid request.");
    return NextResponse.json(await setUserDisabled(user, parsed.data.userId, parsed.data.disabled));
  },
  { roles: ADMIN_ROLES },
);
