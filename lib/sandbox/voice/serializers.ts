/** 2010 API JSON for the voice resources (docs/twilio-contract.md §7.2), as twilio-node reads it. */
import { numericString, rfc2822 } from "../core/rest";
import type { Call, Conference, Participant, Queue, Recording, Transcription } from "./model";

export function formatted(address: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(address);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : address;
}

export function serializeCall(call: Call, accountSid: string) {
  const base = `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}`;
  const duration =
    call.endTime !== null
      ? call.startTime !== null
        ? Math.round((call.endTime - call.startTime) / 1000)
        : 0
      : null;
  return {
    account_sid: accountSid,
    annotation: null,
    answered_by: call.answeredBy,
    api_version: "2010-04-01",
    caller_name: call.callerName,
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.dateUpdated),
    direction: call.direction,
    duration: numericString(duration),
    end_time: rfc2822(call.endTime),
    forwarded_from: call.forwardedFrom,
    from: call.from,
    from_formatted: formatted(call.from),
    group_sid: null,
    parent_call_sid: call.parentCallSid,
    phone_number_sid: call.phoneNumberSid,
    price: null,
    price_unit: "USD",
    queue_time: String(call.queueTime * 1000),
    sid: call.sid,
    start_time: rfc2822(call.startTime),
    // The REST status enum has no "initiated" (contract §2.1): it stays "queued" until ringing.
    status: call.status === "initiated" ? "queued" : call.status,
    subresource_uris: {
      feedback: `${base}/Feedback.json`,
      user_defined_messages: `${base}/UserDefinedMessages.json`,
      notifications: `${base}/Notifications.json`,
      recordings: `${base}/Recordings.json`,
      streams: `${base}/Streams.json`,
      payments: `${base}/Payments.json`,
      user_defined_message_subscriptions: `${base}/UserDefinedMessageSubscriptions.json`,
      siprec: `${base}/Siprec.json`,
      events: `${base}/Events.json`,
      feedback_summaries: `/2010-04-01/Accounts/${accountSid}/Calls/FeedbackSummary.json`,
      transcriptions: `${base}/Transcriptions.json`,
    },
    to: call.to,
    to_formatted: formatted(call.to),
    trunk_sid: null,
    uri: `${base}.json`,
  };
}

export function serializeConference(c: Conference, accountSid: string) {
  const base = `/2010-04-01/Accounts/${accountSid}/Conferences/${c.sid}`;
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    call_sid_ending_conference: c.callSidEndingConference,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    friendly_name: c.friendlyName,
    reason_conference_ended: c.reasonConferenceEnded,
    region: "us1",
    sid: c.sid,
    status: c.status,
    subresource_uris: {
      participants: `${base}/Participants.json`,
      recordings: `${base}/Recordings.json`,
    },
    uri: `${base}.json`,
  };
}

export function serializeParticipant(p: Participant, conference: Conference, accountSid: string) {
  return {
    account_sid: accountSid,
    call_sid: p.callSid,
    call_sid_to_coach: p.callSidToCoach,
    coaching: p.coaching,
    conference_sid: conference.sid,
    date_created: rfc2822(p.dateCreated),
    date_updated: rfc2822(p.dateUpdated),
    end_conference_on_exit: p.endConferenceOnExit,
    hold: p.hold,
    label: p.label,
    muted: p.muted,
    queue_time: String(p.queueTime),
    start_conference_on_enter: p.startConferenceOnEnter,
    status: p.status,
    uri: `/2010-04-01/Accounts/${accountSid}/Conferences/${conference.sid}/Participants/${p.callSid}.json`,
  };
}

export function serializeRecording(
  r: Recording,
  accountSid: string,
  options: { callSubresource?: boolean } = {},
) {
  const account = `/2010-04-01/Accounts/${accountSid}`;
  const uri =
    options.callSubresource && r.callSid
      ? `${account}/Calls/${r.callSid}/Recordings/${r.sid}.json`
      : `${account}/Recordings/${r.sid}.json`;
  const body: Record<string, unknown> = {
    account_sid: accountSid,
    api_version: "2010-04-01",
    call_sid: r.callSid,
    conference_sid: r.conferenceSid,
    date_created: rfc2822(r.dateCreated),
    date_updated: rfc2822(r.dateUpdated),
    start_time: rfc2822(r.startTime),
    duration: r.duration === null ? "-1" : String(r.duration),
    sid: r.sid,
    price: null,
    price_unit: "USD",
    status: r.status,
    channels: r.channels,
    source: r.source,
    error_code: r.errorCode,
    uri,
    encryption_details: null,
  };
  if (options.callSubresource) body.track = r.track;
  else {
    body.media_url = `https://api.twilio.com${account}/Recordings/${r.sid}`;
    body.subresource_uris = {
      add_on_results: `${account}/Recordings/${r.sid}/AddOnResults.json`,
      transcriptions: `${account}/Recordings/${r.sid}/Transcriptions.json`,
    };
  }
  return body;
}

export function serializeTranscription(t: Transcription, accountSid: string) {
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    date_created: rfc2822(t.dateCreated),
    date_updated: rfc2822(t.dateUpdated),
    duration: String(t.duration),
    price: null,
    price_unit: "USD",
    recording_sid: t.recordingSid,
    sid: t.sid,
    status: t.status,
    transcription_text: t.text,
    type: "fast",
    uri: `/2010-04-01/Accounts/${accountSid}/Transcriptions/${t.sid}.json`,
  };
}

export function serializeQueue(q: Queue, accountSid: string, averageWait: number) {
  return {
    account_sid: accountSid,
    average_wait_time: averageWait,
    current_size: q.members.length,
    date_created: rfc2822(q.dateCreated),
    date_updated: rfc2822(q.dateUpdated),
    friendly_name: q.friendlyName,
    max_size: q.maxSize,
    sid: q.sid,
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${q.sid}.json`,
    subresource_uris: {
      members: `/2010-04-01/Accounts/${accountSid}/Queues/${q.sid}/Members.json`,
    },
  };
}

export function serializeMember(
  q: Queue,
  callSid: string,
  dateEnqueued: number,
  position: number,
  now: number,
  accountSid: string,
) {
  return {
    call_sid: callSid,
    date_enqueued: rfc2822(dateEnqueued),
    position,
    queue_sid: q.sid,
    uri: `/2010-04-01/Accounts/${accountSid}/Queues/${q.sid}/Members/${callSid}.json`,
    wait_time: Math.round((now - dateEnqueued) / 1000),
  };
}
