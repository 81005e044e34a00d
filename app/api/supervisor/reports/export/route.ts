import { z } from "zod";
import { AppError } from "@/lib/errors";
import { withAuth } from "@/lib/server/auth/with-auth";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { resolveRange } from "@/lib/server/reports/date-range";
import { REPORT_SECTIONS, reportToCsv } from "@/lib/server/reports/export-report";
import { getReport } from "@/lib/server/reports/get-report";
import { resolveQueueId } from "@/lib/server/reports/resolve-queue";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { reportRangeSchema, searchParamsToRecord } from "@/lib/validations/call-log";

export const dynamic = "force-dynamic";

const sectionSchema = z.enum(REPORT_SECTIONS, { message: `Section is one of ${REPORT_SECTIONS.join(", ")}.` });

export const GET = withAuth(
  async (request) => {
    const params = searchParamsToRecord(new URL(request.url).searchParams);
    const parsed = reportRangeSchema.safeParse(params);
    const section = sectionSchema.safeParse(params.section ?? "summary");
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid period.");
    if (!section.success) throw new AppError("bad_request", section.error.issues[0]?.message ?? "Invalid section.");
    const range = resolveRange(parsed.data, await getBusinessTimezone());
    const report = await getReport(range, await resolveQueueId(parsed.data.queue));
    return new Response(reportToCsv(report, section.data), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="report-${section.data}-${range.fromDate}-to-${range.toDate}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { roles: SUPERVISOR_ROLES },
);
