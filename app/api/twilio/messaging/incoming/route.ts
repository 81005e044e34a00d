import { receiveInboundMessage } from "@/lib/server/messages/receive-inbound-message";
import { withTwilioWebhook } from "@/lib/server/twilio/with-twilio-webhook";
import { messagingIncomingSchema } from "@/lib/validations/twilio";

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** The number's SMS URL (and WhatsApp sender): threads the message; no automatic reply. */
export const POST = withTwilioWebhook(
  messagingIncomingSchema,
  async ({ params }) => {
    await receiveInboundMessage(params);
    return EMPTY;
  },
  { responds: "twiml", naturalKey: (p) => p.MessageSid, resourceSid: (p) => p.MessageSid, fallbackTwiml: () => EMPTY },
);
