import "server-only";
/**
 * The assignment callback's answer (docs/twilio-contract.md §4.4/4.5). It must arrive within 5 s,
 * so it reads only cached settings and the activity table: no REST calls.
 * - Calls enqueued by the IVR (type `call` with a call_sid): the `conference` instruction, snake_case
 *   keys. Twilio dials the worker's contact_uri, puts both legs in a conference named after the
 *   TaskSid and records it. No post_work_activity_sid: the workspace is multitasking, where it is
 *   not valid; the app moves the agent to Wrap-up itself (settle-agent-activity.ts).
 * - An agent's own outbound call (type `call`, direction `outbound`, routed to that agent only):
 *   `accept`; the server already put the agent's leg and the customer in the task's conference.
 * - Voicemails, callbacks and transfers: no instruction; the agent accepts in the console
 *   (accept-reservation.ts), which does the rest.
 * https://www.twilio.com/docs/taskrouter/handle-assignment-callbacks#conference-instruction
 */
import { loadIvrConfig } from "@/lib/server/calls/ivr-config";
import { getTwilioAccount } from "@/lib/server/twilio/config";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";
import type { AssignmentRequest } from "@/lib/validations/twilio";
import { RESERVATION_TIMEOUT_SECONDS } from "./reservation-timeout";

export type AssignmentInstruction = Record<string, string | number | boolean>;

export async function buildAssignmentInstruction(params: AssignmentRequest): Promise<AssignmentInstruction> {
  const attributes = params.TaskAttributes;
  if (attributes.type === "call" && attributes.direction === "outbound") return { instruction: "accept" };
  const isQueuedCall = attributes.type === "call" && typeof attributes.call_sid === "string";
  if (!isQueuedCall) return {};

  const config = await loadIvrConfig();
  const contactUri = typeof params.WorkerAttributes.contact_uri === "string" ? params.WorkerAttributes.contact_uri : undefined;
  return {
    instruction: "conference",
    from: getTwilioAccount().phoneNumber,
    ...(contactUri ? { to: contactUri } : {}),
    // Ring as long as the reservation lasts (the card's countdown).
    timeout: RESERVATION_TIMEOUT_SECONDS,
    start_conference_on_enter: true,
    // The agent may leave (warm transfer, hand-off) without ending the customer's call…
    end_conference_on_exit: false,
    // …but when the customer hangs up, the conference (and every other leg) ends.
    end_conference_on_customer_exit: true,
    beep: false,
    beep_on_customer_entrance: false,
    conference_record: config.recordInbound ? "record-from-start" : "do-not-record",
    ...(config.recordInbound
      ? { conference_recording_status_callback: publicUrl(TWILIO_ROUTES.voiceRecording), conference_recording_status_callback_method: "POST" }
      : {}),
    conference_status_callback: publicUrl(TWILIO_ROUTES.voiceConferenceStatus),
    conference_status_callback_method: "POST",
    conference_status_callback_event: "start,end,join,leave,mute,hold,modify",
    status_callback: publicUrl(TWILIO_ROUTES.voiceStatus),
    status_callback_method: "POST",
    status_callback_event: "initiated,ringing,answered,completed",
  };
}
