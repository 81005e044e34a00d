import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { getQueueSummary } from "@/lib/server/reports/get-queue-summary";

export const dynamic = "force-dynamic";

/** Today's per-queue numbers. */
export const GET = withAuth(async () => NextResponse.json(await getQueueSummary()), { roles: SUPERVISOR_ROLES });
