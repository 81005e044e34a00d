import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { setRoomRecording } from "@/lib/server/inspections/room-controls";
import { recordingSchema } from "@/lib/validations/inspections";

/** Start or stop recording the room: { recording: boolean }. */
export const POST = withAuth<{ id: string }>(async (request, { user, params }) => {
  const { recording } = await parseJsonBody(request, recordingSchema);
  await setRoomRecording(user, params.id, recording);
  return NextResponse.json({ recording });
});
