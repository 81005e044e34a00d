import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, errorBody, toAppError, toHttpStatus } from "@/lib/errors";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { getJoinStatus } from "@/lib/server/inspections/join-requests";
import { consumeRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";

const bodySchema = z.object({ key: z.string().min(32).max(128) });

/**
 * A waiting guest polls for the host's decision with its secret key: { status } and, once
 * admitted, a Video token for this invite's room only ({ token, identity, room, mode, sandbox? }).
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string; requestId: string }> }) {
  try {
    const { token, requestId } = await params;
    const limit = await consumeRateLimit(`join-poll:${requestId.slice(0, 40)}`, 60_000);
    if (limit.count > 90) throw new AppError("rate_limited", "Too many attempts. Wait a minute and try again.");
    const { key } = await parseJsonBody(request, bodySchema);
    return NextResponse.json(await getJoinStatus(token, requestId, key), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const appError = toAppError(error);
    return NextResponse.json(errorBody(appError), { status: toHttpStatus(appError.code) });
  }
}
