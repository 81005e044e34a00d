import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { muteAgent } from "@/lib/server/calls/mute-agent";
import { muteSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Mute or unmute your own leg: { muted }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await muteAgent(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, muteSchema))),
  {},
);
