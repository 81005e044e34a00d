import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody } from "@/lib/server/http/parse-body";
import { sandboxControl } from "@/lib/server/sandbox/sandbox-control";
import { inboundMessageSchema } from "@/lib/validations/sandbox";

/** A customer texts the business (SMS or WhatsApp): the sandbox delivers it to the number's SMS URL. */
export const POST = withAuth(async (request) => {
  const input = await parseJsonBody(request, inboundMessageSchema);
  const prefix = input.channel === "whatsapp" ? "whatsapp:" : "";
  const result = await sandboxControl<{ messageSid: string }>("POST", "/sandbox/messages/inbound", {
    from: `${prefix}${input.from}`,
    to: `${prefix}${input.to}`,
    body: input.body,
  });
  return NextResponse.json(result, { status: 201 });
});
