import { NextResponse } from "next/server";
import { issueAccessToken } from "@/lib/server/agents/issue-access-token";
import { withAuth } from "@/lib/server/auth/with-auth";

/** Voice SDK token for the signed-in user (incoming calls + outgoing through the TwiML App). */
export const POST = withAuth(async (_request, { user }) =>
  NextResponse.json(await issueAccessToken(user, "voice"), { headers: { "Cache-Control": "no-store" } }),
);
