import "server-only";
/**
 * The Conference Participants API, the basis of hold, mute, coach/whisper, barge, adding a party
 * and removing one (docs/twilio-contract.md §7.2). Participants this app adds carry a label that
 * says who they are (`agent:<userId>`, `supervisor:<userId>`, `external:<n>`), which the
 * conference status callback turns back into roles.
 * https://www.twilio.com/docs/voice/api/conference-participant-resource
 */
import { getTwilioAccount } from "@/lib/server/twilio/config";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { twilioRequest } from "@/lib/server/twilio/errors";
import { publicUrl, TWILIO_ROUTES } from "@/lib/server/twilio/urls";

export interface NewParticipant {
  to: string;
  label: string;
  muted?: boolean;
  coaching?: boolean;
  callSidToCoach?: string;
}

export async function addConferenceParticipant(conferenceSid: string, p: NewParticipant): Promise<string> {
  const participant = await twilioRequest("add the participant", () =>
    getTwilioClient()
      .conferences(conferenceSid)
      .participants.create({
        from: getTwilioAccount().phoneNumber,
        to: p.to,
        label: p.label,
        earlyMedia: true,
        beep: "false",
        startConferenceOnEnter: true,
        endConferenceOnExit: false,
        timeout: 30,
        statusCallback: publicUrl(TWILIO_ROUTES.voiceStatus),
        statusCallbackMethod: "POST",
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
        ...(p.muted !== undefined ? { muted: p.muted } : {}),
        ...(p.coaching ? { coaching: true, callSidToCoach: p.callSidToCoach } : {}),
      }),
  );
  return participant.callSid;
}

export async function updateConferenceParticipant(
  conferenceSid: string,
  callSid: string,
  update: { hold?: boolean; muted?: boolean; coaching?: boolean; callSidToCoach?: string },
): Promise<void> {
  await twilioRequest("update the participant", () =>
    getTwilioClient()
      .conferences(conferenceSid)
      .participants(callSid)
      .update({
        ...(update.hold !== undefined ? { hold: update.hold } : {}),
        ...(update.hold ? { holdUrl: publicUrl(TWILIO_ROUTES.holdMusic), holdMethod: "GET" } : {}),
        ...(update.muted !== undefined ? { muted: update.muted } : {}),
        ...(update.coaching !== undefined ? { coaching: update.coaching } : {}),
        ...(update.callSidToCoach ? { callSidToCoach: update.callSidToCoach } : {}),
      }),
  );
}

export async function removeConferenceParticipant(conferenceSid: string, callSid: string): Promise<void> {
  await twilioRequest("remove the participant", () => getTwilioClient().conferences(conferenceSid).participants(callSid).remove());
}

/** Hangs up any leg (https://www.twilio.com/docs/voice/api/call-resource#update-a-call-resource). */
export async function hangUpCall(callSid: string): Promise<void> {
  await twilioRequest("hang up the call", () => getTwilioClient().calls(callSid).update({ status: "completed" }));
}

/** The leg in a conference that carries `label`, from Twilio (our copy may lag its callbacks). */
export async function findParticipantByLabel(conferenceSid: string, label: string): Promise<string | null> {
  const participants = await twilioRequest("list the participants", () => getTwilioClient().conferences(conferenceSid).participants.list({ limit: 50 }));
  return participants.find((p) => p.label === label)?.callSid ?? null;
}

export interface CustomerLegInput {
  /** The conference's friendly name (the TaskSid); Twilio creates the conference if it does not exist yet. */
  conferenceName: string;
  to: string;
  record: boolean;
}

/**
 * Dials the customer of an outbound call into the task's conference (caller ID = business number).
 * The customer leaving ends the conference, like `end_conference_on_customer_exit` for inbound
 * calls. The conference-level options apply when this request creates the conference.
 * https://www.twilio.com/docs/voice/api/conference-participant-resource#create-a-participant-resource
 */
export async function dialCustomerIntoConference(input: CustomerLegInput): Promise<string> {
  const participant = await twilioRequest("dial the customer", () =>
    getTwilioClient()
      .conferences(input.conferenceName)
      .participants.create({
        from: getTwilioAccount().phoneNumber,
        to: input.to,
        label: "customer",
        earlyMedia: true,
        beep: "false",
        startConferenceOnEnter: true,
        endConferenceOnExit: true,
        timeout: 30,
        statusCallback: publicUrl(TWILIO_ROUTES.voiceStatus),
        statusCallbackMethod: "POST",
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
        conferenceStatusCallback: publicUrl(TWILIO_ROUTES.voiceConferenceStatus),
        conferenceStatusCallbackMethod: "POST",
        conferenceStatusCallbackEvent: ["start", "end", "join", "leave", "mute", "hold", "modify"],
        conferenceRecord: input.record ? "record-from-start" : "do-not-record",
        ...(input.record ? { conferenceRecordingStatusCallback: publicUrl(TWILIO_ROUTES.voiceRecording), conferenceRecordingStatusCallbackMethod: "POST" } : {}),
      }),
  );
  return participant.callSid;
}

/** Replaces a live leg's TwiML (e.g. tell the agent how the dial ended, then hang up). */
export async function redirectCall(callSid: string, twiml: string): Promise<void> {
  await twilioRequest("update the call", () => getTwilioClient().calls(callSid).update({ twiml }));
}
