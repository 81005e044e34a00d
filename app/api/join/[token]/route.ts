import { NextResponse } from "next/server";
import { errorBody, toAppError, toHttpStatus, AppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { createJoinRequest } from "@/lib/server/inspections/join-requests";
import { consumeRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";
import { joinRequestSchema } from "@/lib/validations/inspections";

/**
 * A guest with an invite link asks to join (no account): { displayName, key } → { status: "waiting", requestId }.
 * Public route: the signed invite token is the credential; rate-limited per link.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const limit = await consumeRateLimit(`join:${token.slice(0, 40)}`, 60_000);
    if (limit.count > 20) throw new AppError("rate_limited", "Too many attempts. Wait a minute and try again.");
    const body = await parseJsonBody(request, joinRequestSchema);
    return NextResponse.json(await createJoinRequest(token, body), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const appError = toAppError(error);
    return NextResponse.json(errorBody(appError), { status: toHttpStatus(appError.code) });
  }
}
