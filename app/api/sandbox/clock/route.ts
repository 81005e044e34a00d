import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { sandboxControl } from "@/lib/server/sandbox/sandbox-control";
import { advanceClockSchema } from "@/lib/validations/sandbox";

/** Moves the sandbox clock forward: ring, reservation and wrap-up timeouts fire as they would. */
export const POST = withAuth(async (request) => {
  const input = await parseJsonBody(request, advanceClockSchema);
  return NextResponse.json(await sandboxControl("POST", "/sandbox/clock", { advanceMs: input.advanceMs }));
});
