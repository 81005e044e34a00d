import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { setAgentActivity } from "@/lib/server/agents/set-agent-activity";
import { setAgentActivitySchema, userIdSchema } from "@/lib/validations/supervisor";

/** Supervisor sets an agent's activity: { activity: "Available" | "Break" | "Offline" }. Audited. */
export const POST = withAuth<{ userId: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await setAgentActivity(user, parseParam(params.userId, userIdSchema), await parseJsonBody(request, setAgentActivitySchema))),
  { roles: SUPERVISOR_ROLES },
);
