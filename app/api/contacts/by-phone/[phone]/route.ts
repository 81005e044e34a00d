import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { withAuth } from "@/lib/server/auth/with-auth";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { getContactHistory } from "@/lib/server/contacts/get-contact-history";
import { parseParam } from "@/lib/server/http/parse-body";
import { contactHistoryQuerySchema, contactPhoneSchema } from "@/lib/validations/contacts";

export const dynamic = "force-dynamic";

/** Next.js hands over the segment decoded; a "+" sent as %2B by an older client is decoded here too. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The contact panel: who is behind an E.164 number and their past calls, voicemails and messages
 * (`?limit=` per list, 1–50, default 10). An unknown number answers with empty lists.
 */
export const GET = withAuth<{ phone: string }>(
  async (request, { user, params, log }) => {
    const phone = parseParam(decodeSegment(params.phone), contactPhoneSchema);
    const query = contactHistoryQuerySchema.safeParse({ limit: request.nextUrl.searchParams.get("limit") ?? undefined });
    if (!query.success) throw new AppError("bad_request", query.error.issues[0]?.message ?? "Invalid limit.");
    const history = await getContactHistory(user, phone, { limit: query.data.limit });
    // The logger masks the number (country code and last two digits only).
    log.debug({ phone, known: history.contact !== null, calls: history.calls.items.length }, "contact history served");
    return NextResponse.json(history, { headers: { "Cache-Control": "private, no-store" } });
  },
  { roles: STAFF_ROLES },
);
