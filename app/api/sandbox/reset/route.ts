import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { resetSandbox } from "@/lib/server/sandbox/sandbox-control";

/** Drops all sandbox state, re-seeds it, and provisions the app's workspace and number again. */
export const POST = withAuth(async (_request, { log }) => {
  const result = await resetSandbox();
  log.info({ workspaceSid: result.workspaceSid }, "sandbox reset and provisioned");
  return NextResponse.json({ status: "reset", ...result });
});
