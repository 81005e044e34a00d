import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { startInspection } from "@/lib/server/inspections/start-inspection";

/** Opens (or reopens) the inspection's Video room: { room, roomSid }. Staff then ask /api/tokens/video. */
export const POST = withAuth<{ id: string }>(async (_request, { params }) => NextResponse.json(await startInspection(params.id)));
