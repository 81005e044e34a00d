import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { listUsers } from "@/lib/server/users/list-users";

export const dynamic = "force-dynamic";

export const GET = withAuth(async () => NextResponse.json({ users: await listUsers() }), { roles: ADMIN_ROLES });
