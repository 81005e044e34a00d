import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { setConversationStatus } from "@/lib/server/messages/list-conversations";
import { conversationIdSchema, conversationStatusSchema } from "@/lib/validations/messages";

/** Close or reopen a conversation: { status }. */
export const POST = withAuth<{ conversationId: string }>(async (request, { params }) => {
  const { status } = await parseJsonBody(request, conversationStatusSchema);
  await setConversationStatus(parseParam(params.conversationId, conversationIdSchema), status);
  return NextResponse.json({ status });
});
