import { HttpError, postJson } from "@/lib/client/post-json";

/**
 * Accept or reject through the server. Right after the offer this can beat TaskRouter's
 * reservation.created event callback, which is what tells the server about the reservation
 * (404 until then): try again briefly instead of leaving the card up with an error.
 */
export async function postReservationAction(reservationSid: string, action: "accept" | "reject", body: unknown = {}, retryDelayMs = 700) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postJson(`/api/reservations/${reservationSid}/${action}`, body);
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 404 || attempt >= 6) throw e;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }
}
