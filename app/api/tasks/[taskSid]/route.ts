import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { getTaskSummary } from "@/lib/server/tasks/get-task-summary";
import { taskSidSchema } from "@/lib/validations/call-control";

/** The console's view of one task: contact, past calls, recording state, wrap-up deadline. */
export const GET = withAuth<{ taskSid: string }>(async (_request, { user, params }) =>
  NextResponse.json(await getTaskSummary(user, parseParam(params.taskSid, taskSidSchema)), { headers: { "Cache-Control": "no-store" } }),
);
