import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { replyToConversation } from "@/lib/server/messages/send-message";
import { conversationIdSchema, replySchema } from "@/lib/validations/messages";

/** Reply in a conversation: { body }. */
export const POST = withAuth<{ conversationId: string }>(async (request, { user, params, log }) => {
  const { body } = await parseJsonBody(request, replySchema);
  return NextResponse.json(await replyToConversation(user, parseParam(params.conversationId, conversationIdSchema), body, log), { status: 201 });
});
