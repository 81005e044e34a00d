import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { hangUpLeg } from "@/lib/server/calls/hang-up-leg";
import { hangupSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Hang up one leg of the call: { callSid }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await hangUpLeg(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, hangupSchema))),
  {},
);
