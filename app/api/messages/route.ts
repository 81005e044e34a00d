import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { listConversations } from "@/lib/server/messages/list-conversations";
import { startConversation } from "@/lib/server/messages/send-message";
import { startConversationSchema } from "@/lib/validations/messages";

/** The inbox: `?filter=open|closed|mine`. */
export const GET = withAuth(async (request, { user }) => {
  const raw = request.nextUrl.searchParams.get("filter");
  const filter = raw === "closed" || raw === "mine" ? raw : "open";
  return NextResponse.json({ conversations: await listConversations(user.id, filter) });
});

/** Text a customer: { to, channel, body } → the conversation and the sent message. */
export const POST = withAuth(async (request, { user, log }) =>
  NextResponse.json(await startConversation(user, await parseJsonBody(request, startConversationSchema), log), { status: 201 }),
);
