import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { retryMessage } from "@/lib/server/messages/send-message";
import { messageIdSchema } from "@/lib/validations/messages";

/** Send a failed message again. */
export const POST = withAuth<{ messageId: string }>(async (_request, { params, log }) =>
  NextResponse.json(await retryMessage(parseParam(params.messageId, messageIdSchema), log)),
);
