import { withAuth } from "@/lib/server/auth/with-auth";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { openLiveStream } from "@/lib/server/supervisor/open-live-stream";

export const dynamic = "force-dynamic";

/**
 * The supervisor live view over Server-Sent Events: a `snapshot` event now and after every change.
 * EventSource reconnects by itself and sends `Last-Event-ID`; the first event of every connection
 * is the current snapshot, so a dropped stream resumes without a reload.
 */
export const GET = withAuth(async (request, { log }) => openLiveStream(request, log), { roles: SUPERVISOR_ROLES });
