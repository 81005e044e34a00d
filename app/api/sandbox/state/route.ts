import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { getSandboxBoard } from "@/lib/server/sandbox/get-sandbox-board";

/** The sandbox console's live board: calls, conferences, TaskRouter, messages, webhook log, clock. */
export const GET = withAuth(async () => NextResponse.json(await getSandboxBoard(), { headers: { "Cache-Control": "no-store" } }));
