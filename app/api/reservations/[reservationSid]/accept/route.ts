import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { acceptReservation } from "@/lib/server/tasks/accept-reservation";
import { reservationSidSchema } from "@/lib/validations/call-control";

/** Accept your reservation (voicemail, callback and transfer tasks; calls are answered in the softphone). */
export const POST = withAuth<{ reservationSid: string }>(async (_request, { user, params }) =>
  NextResponse.json(await acceptReservation(user, parseParam(params.reservationSid, reservationSidSchema))),
);
