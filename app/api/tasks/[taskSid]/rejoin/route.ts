import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { rejoinCall } from "@/lib/server/calls/rejoin-call";
import { taskSidSchema } from "@/lib/validations/call-control";

/** Go back to a held call whose softphone leg was dropped (another call was taken): dial in, resume the caller. */
export const POST = withAuth<{ taskSid: string }>(
  async (_request, { user, params }) => NextResponse.json(await rejoinCall(user, parseParam(params.taskSid, taskSidSchema))),
  {},
);
