import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { listWaitingGuests } from "@/lib/server/inspections/join-requests";

/** Guests waiting to be admitted: { guests: [{ id, displayName, identity, createdAt }] }. */
export const GET = withAuth<{ id: string }>(async (_request, { params }) =>
  NextResponse.json({ guests: await listWaitingGuests(params.id) }, { headers: { "Cache-Control": "no-store" } }),
);
