import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { completeTask } from "@/lib/server/tasks/complete-task";
import { completeTaskSchema, taskSidSchema } from "@/lib/validations/call-control";

/** Complete the task with a disposition and notes; the agent returns to Available. */
export const POST = withAuth<{ taskSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await completeTask(user, parseParam(params.taskSid, taskSidSchema), await parseJsonBody(request, completeTaskSchema))),
  {},
);
