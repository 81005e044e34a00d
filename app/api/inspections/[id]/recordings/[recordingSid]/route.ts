import { AppError } from "@/lib/errors";
import { withAuth } from "@/lib/server/auth/with-auth";
import { fetchRecordingMedia } from "@/lib/server/inspections/room-controls";

/** A room recording's media, streamed through the app so only signed-in staff can play it. */
export const GET = withAuth<{ id: string; recordingSid: string }>(async (_request, { params }) => {
  const media = await fetchRecordingMedia(params.id, params.recordingSid);
  if (!media || !media.ok || !media.body) throw new AppError("not_found", "That recording is not available.");
  return new Response(media.body, {
    headers: { "Content-Type": media.headers.get("content-type") ?? "video/webm", "Cache-Control": "private, no-store" },
  });
});
