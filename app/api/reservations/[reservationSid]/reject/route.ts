import { NextResponse } from "next/server";
import { withAuth } from "@/lib/server/auth/with-auth";
import { parseJsonBody, parseParam } from "@/lib/server/http/parse-body";
import { rejectReservation } from "@/lib/server/tasks/accept-reservation";
import { rejectReservationSchema, reservationSidSchema } from "@/lib/validations/call-control";

/** Reject your reservation: { activity? }. */
export const POST = withAuth<{ reservationSid: string }>(
  async (request, { user, params }) =>
    NextResponse.json(await rejectReservation(user, parseParam(params.reservationSid, reservationSidSchema), await parseJsonBody(request, rejectReservationSchema))),
  {},
);
