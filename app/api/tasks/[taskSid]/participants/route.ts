import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { addExternalParty } from "@/lib/server/calls/add-external-party";
import { addParticipantSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Dial an outside number into the call: { to }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await addExternalParty(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, addParticipantSchema))),
  {},
);
