import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { issueAccessToken } from "@/lib/server/agents/issue-access-token";
import { withAuth } from "@/lib/server/auth/with-auth";
import { videoTokenSchema } from "@/lib/validations/tokens";

/** Video token scoped to one room the signed-in user may join: POST { room }. */
export const POST = withAuth(async (request, { user }) => {
  const parsed = videoTokenSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid request.");
  return NextResponse.json(await issueAccessToken(user, "video", { room: parsed.data.room }), { headers: { "Cache-Control": "no-store" } });
});
