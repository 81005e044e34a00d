import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { holdParticipant } from "@/lib/server/calls/hold-participant";
import { holdSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Hold or resume the customer (or another participant): { hold, callSid? }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await holdParticipant(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, holdSchema))),
  {},
);
