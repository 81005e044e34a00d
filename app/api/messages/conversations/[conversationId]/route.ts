import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { getConversation } from "@/lib/server/messages/list-conversations";
import { conversationIdSchema } from "@/lib/validations/messages";

export const GET = withAuth<{ conversationId: string }>(async (_request, { params }) =>
  NextResponse.json(await getConversation(parseParam(params.conversationId, conversationIdSchema))),
);
