import { NextResponse } from "next/server";
import { issueAccessToken } from "@/lib/server/agents/issue-access-token";
import { withAuth } from "@/lib/server/auth/with-auth";

/** TaskRouter token for the signed-in user's own worker (supervisor role for supervisors and admins). */
export const POST = withAuth(async (_request, { user }) =>
  NextResponse.json(await issueAccessToken(user, "worker"), { headers: { "Cache-Control": "no-store" } }),
);
