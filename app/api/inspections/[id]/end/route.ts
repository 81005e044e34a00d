import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { endInspectionRoom } from "@/lib/server/inspections/room-controls";

/** Ends the room for everyone and completes the inspection. */
export const POST = withAuth<{ id: string }>(async (_request, { user, params }) => {
  await endInspectionRoom(user, params.id);
  return NextResponse.json({ ok: true });
});
