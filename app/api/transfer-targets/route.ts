import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { listTransferTargets } from "@/lib/server/agents/list-transfer-targets";

export const dynamic = "force-dynamic";

/** Agents (with their current activity) and queues a call can be transferred to. */
export const GET = withAuth(async (_request, { user }) =>
  NextResponse.json(await listTransferTargets(user.id), { headers: { "Cache-Control": "no-store" } }),
);
