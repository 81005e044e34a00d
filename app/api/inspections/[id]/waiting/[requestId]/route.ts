import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { decideJoinRequest } from "@/lib/server/inspections/join-requests";
import { decideJoinSchema } from "@/lib/validations/inspections";

/** Admit or deny a waiting guest: { decision: "admit" | "deny" }. */
export const POST = withAuth<{ id: string; requestId: string }>(async (request, { user, params }) => {
  const { decision } = await parseJsonBody(request, decideJoinSchema);
  await decideJoinRequest(user, params.id, params.requestId, decision);
  return NextResponse.json({ ok: true });
});
