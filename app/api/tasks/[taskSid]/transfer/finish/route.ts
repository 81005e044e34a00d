import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { finishTransfer } from "@/lib/server/tasks/finish-transfer";
import { finishTransferSchema, taskSidSchema } from "@/lib/validations/call-control";

/** End a warm transfer: { outcome: handoff | return }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await finishTransfer(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, finishTransferSchema))),
  {},
);
