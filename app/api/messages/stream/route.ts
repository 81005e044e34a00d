import { withAuth } from "@/lib/server/auth/with-auth";
import { eventStreamResponse } from "@/lib/server/http/event-stream";

export const dynamic = "force-dynamic";

/** Live updates for the messaging inbox: `message.updated` events (ids and statuses only). */
export const GET = withAuth(async (request) => eventStreamResponse(request, ["message.updated"]));
