import { NextResponse } from "next/server";
import { z } from "zod";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { removeParticipant } from "@/lib/server/inspections/room-controls";

const participantSid = z.string().regex(/^PA[0-9a-f]{32}$/, "That is not a participant SID.");

/** Removes a participant from the room. */
export const DELETE = withAuth<{ id: string; participantSid: string }>(async (_request, { user, params }) => {
  await removeParticipant(user, params.id, parseParam(params.participantSid, participantSid));
  return NextResponse.json({ ok: true });
});
