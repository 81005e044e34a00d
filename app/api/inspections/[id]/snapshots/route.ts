import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { saveSnapshot } from "@/lib/server/inspections/snapshots";
import { snapshotSchema } from "@/lib/validations/inspections";

/** Saves a captured video frame to the inspection: { participant, image: data URL }. */
export const POST = withAuth<{ id: string }>(async (request, { user, params }) =>
  NextResponse.json(await saveSnapshot(user, params.id, await parseJsonBody(request, snapshotSchema)), { status: 201 }),
);
