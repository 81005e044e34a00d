import { AppError } from "@/lib/errors";
import { withAuth } from "@/lib/server/auth/with-auth";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { exportCallsCsv } from "@/lib/server/calls/export-calls";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { callLogFiltersSchema, searchParamsToRecord } from "@/lib/validations/call-log";

export const dynamic = "force-dynamic";

/** The filtered call log as a CSV download. Audited: it is a bulk export of personal data. */
export const GET = withAuth(
  async (request, { user }) => {
    const parsed = callLogFiltersSchema.safeParse(searchParamsToRecord(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid filters.");
    const { cursor: _ignored, ...filters } = parsed.data;
    await recordAudit({ actorId: user.id, action: "calls.export", targetType: "call-log", details: { filters } });
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(exportCallsCsv({ ...filters, cursor: undefined }, await getBusinessTimezone()), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="calls-${stamp}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { roles: SUPERVISOR_ROLES },
);
