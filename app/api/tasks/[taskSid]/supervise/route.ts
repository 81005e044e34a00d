import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { leaveSupervision, superviseCall } from "@/lib/server/calls/supervise-call";
import { superviseSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Supervisor monitor / whisper / barge: { mode }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await superviseCall(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, superviseSchema))),
  { roles: SUPERVISOR_ROLES },
);

/** The supervisor leaves the call (their leg hangs up; the call goes on). */
export const DELETE = withAuth<{ taskSid: string }>(
  async (_request, { user, params }) => NextResponse.json(await leaveSupervision(user, parseParam(params.taskSid, taskSidSchema))),
  { roles: SUPERVISOR_ROLES },
);
