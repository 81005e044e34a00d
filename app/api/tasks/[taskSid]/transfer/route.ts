import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { transferTask } from "@/lib/server/tasks/transfer-task";
import { transferSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Cold or warm transfer to an agent or a queue: { mode, target }. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await transferTask(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, transferSchema))),
  {},
);
