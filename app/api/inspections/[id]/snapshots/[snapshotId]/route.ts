import { AppError } from "@/lib/errors";
import { withAuth } from "@/lib/server/auth/with-auth";
import { loadSnapshot } from "@/lib/server/inspections/snapshots";

/** The snapshot image, for staff only. */
export const GET = withAuth<{ id: string; snapshotId: string }>(async (_request, { params }) => {
  const snapshot = await loadSnapshot(params.id, params.snapshotId);
  if (!snapshot) throw new AppError("not_found", "That snapshot does not exist.");
  return new Response(Buffer.from(snapshot.data), { headers: { "Content-Type": snapshot.contentType, "Cache-Control": "private, max-age=3600" } });
});
