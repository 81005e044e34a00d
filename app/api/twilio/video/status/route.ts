import { recordRoomEvent } from "@/lib/server/rooms/record-room-event";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { videoStatusSchema } from "@/lib/validations/twilio";

/** Video room status callbacks: 204. */
export const POST = withTwilioWebhook(videoStatusSchema, ({ params }) => recordRoomEvent(params), {
  responds: "empty",
  naturalKey: (p) =>
    p.SequenceNumber !== undefined ? `${p.RoomSid}:${p.SequenceNumber}` : `${p.RoomSid}:${p.StatusCallbackEvent}:${p.ParticipantSid ?? p.RecordingSid ?? ""}`,
  resourceSid: (p) => p.RoomSid,
});
