import type { SupportEntry } from "../core/types";

const s = (
  area: string,
  item: string,
  status: SupportEntry["status"] = "supported",
  notes?: string,
): SupportEntry => ({ area, item, status, ...(notes ? { notes } : {}) });

export const voiceSupport: SupportEntry[] = [
  // REST
  s(
    "REST /Calls",
    "create: To, From, Url, Method, Twiml, ApplicationSid, FallbackUrl/Method, StatusCallback/Method/Event, Timeout, TimeLimit, Record, RecordingChannels, RecordingStatusCallback/Method/Event, RecordingTrack",
    "supported",
    "Url wins over Twiml; From must be one of the account's numbers (21210) or client:",
  ),
  s(
    "REST /Calls",
    "create: SendDigits",
    "partial",
    "digits reach the called leg's <Gather>/<Record> half a second after answer",
  ),
  s(
    "REST /Calls",
    "create: MachineDetection, AsyncAmd, Trim, CallerId, Byoc, CallReason, CallToken, SIP",
    "unsupported",
    "accepted and logged; AnsweredBy is never set",
  ),
  s(
    "REST /Calls",
    "list (To, From, ParentCallSid, Status, StartTime, EndTime with < and >), fetch, delete (ended calls)",
  ),
  s(
    "REST /Calls",
    "update: Url/Method or Twiml (redirect), Status=completed|canceled, StatusCallback, FallbackUrl",
  ),
  s(
    "REST /Calls/{CA}/Recordings",
    "start, list, fetch, pause/resume/stop (also Twilio.CURRENT), delete",
  ),
  s(
    "REST /Calls/{CA}",
    "Notifications, Events, Payments, Streams, Siprec, Transcriptions, UserDefinedMessages, Feedback",
    "unsupported",
  ),
  s(
    "REST /Conferences",
    "list (FriendlyName, Status, DateCreated, DateUpdated), fetch, update Status=completed",
  ),
  s("REST /Conferences", "update AnnounceUrl (announcements)", "unsupported"),
  s(
    "REST /Conferences/{CF}/Participants",
    "add (From, To, Label, Muted, Hold, Beep, StartConferenceOnEnter, EndConferenceOnExit, Coaching, CallSidToCoach, StatusCallback/Event, ConferenceStatusCallback/Event, ConferenceRecord, ConferenceRecordingStatusCallback, Timeout, WaitUrl); {CF} may be a friendly name (creates the conference)",
  ),
  s(
    "REST /Conferences/{CF}/Participants",
    "list (Muted, Hold, Coaching, Label), fetch and update by CallSid or Label (Hold, HoldUrl, HoldMethod, Muted, Coaching, CallSidToCoach, EndConferenceOnExit, WaitUrl), remove",
  ),
  s(
    "REST /Conferences/{CF}/Participants",
    "AnnounceUrl, BeepOnExit, Record, MachineDetection, JitterBufferSize",
    "unsupported",
    "accepted and logged",
  ),
  s(
    "REST /Recordings",
    "list (CallSid, ConferenceSid, DateCreated), fetch, delete, Transcriptions list/fetch",
  ),
  s(
    "REST /Recordings media",
    "GET …/Recordings/{RE} and .wav: a real WAV (8 kHz 16-bit mono)",
    "partial",
    "the media layer's mix when it is mounted; otherwise generated comfort noise with a soft tick each second, of the recording's exact duration",
  ),
  s("REST /Recordings media", ".mp3", "unsupported", "415 with a message; fetch the WAV"),
  s("REST /Transcriptions", "list, fetch, delete"),
  s(
    "REST /Queues",
    "create, list, fetch, update (FriendlyName, MaxSize), delete; Members list, fetch (CallSid or Front), dequeue with Url/Method",
  ),
  // lifecycle
  s(
    "Call lifecycle",
    "queued → initiated → ringing → in-progress → completed | busy | no-answer | failed | canceled; inbound calls start ringing",
  ),
  s(
    "Call status callbacks",
    "StatusCallbackEvent initiated, ringing, answered, completed; SequenceNumber, Timestamp, CallbackSource, CallDuration, Duration (minutes), SipResponseCode, RecordingUrl/Sid/Duration (Record=true)",
  ),
  s("Call status callbacks", "StirStatus, CallerName lookup, AnsweredBy", "unsupported"),
  s(
    "Simulated parties",
    "any number without a browser endpoint answers after 2 s; magic numbers +15005550001-0004 fail at REST (21217/21214/21215/21216), +15005550020 busy, +15005550021 no-answer, +15005550022 failed, +15005550023 answers then hangs up after 10 s",
  ),
  s(
    "Simulated parties",
    "client:<identity> with no registered Device rings until the timeout (no-answer)",
  ),
  s(
    "Sandbox control",
    "POST /sandbox/calls/:sid/answer answers a ringing client:<identity> leg as a Device would, without audio (scripted tests, CLI `answer`); any Device still ringing is canceled",
  ),
  // TwiML
  s(
    "TwiML <Say>",
    "text, voice, language, loop (0 = until interrupted)",
    "partial",
    "without the media layer a Say lasts ~0.4 s per word on the clock; SSML children are read as text",
  ),
  s(
    "TwiML <Play>",
    "url, loop, digits (DTMF to the bridged leg, w = 0.5 s pause)",
    "partial",
    "without the media layer a Play of a URL lasts 5 s on the clock (audio is not decoded)",
  ),
  s("TwiML <Pause>", "length"),
  s(
    "TwiML <Gather>",
    "input dtmf/speech, action (default: current document), method, timeout, finishOnKey, numDigits, actionOnEmptyResult, bargeIn, nested Say/Play/Pause; Digits, FinishedOnKey, SpeechResult, Confidence (0.9)",
  ),
  s(
    "TwiML <Gather>",
    "speechTimeout, speechModel, hints, language, profanityFilter, enhanced",
    "partial",
    "scripted speech arrives as one final utterance",
  ),
  s("TwiML <Gather>", "partialResultCallback", "unsupported", "logged"),
  s(
    "TwiML <Dial>",
    "Number, Client (text or Identity + Parameter), parallel ringing, sequential, action (or fall-through), method, timeout, callerId (13214 when a client dials a number without one), timeLimit, hangupOnStar, answerOnBridge, record (record-from-answer/-ringing, -dual), recordingStatusCallback/Method/Event, recordingTrack",
  ),
  s(
    "TwiML <Dial>",
    "DialCallStatus, DialCallSid, DialCallDuration, DialBridged, RecordingUrl/Sid/Duration",
  ),
  s(
    "TwiML <Number>/<Client>",
    "url (whisper), method, statusCallback, statusCallbackEvent, statusCallbackMethod, sendDigits",
  ),
  s("TwiML <Dial>", "ringTone, trim, referUrl, callReason, events", "unsupported", "ignored"),
  s("TwiML <Dial><Sip>/<Sim>/<Application>", "", "unsupported", "logged; DialCallStatus=failed"),
  s(
    "TwiML <Conference>",
    'name, startConferenceOnEnter, endConferenceOnExit, muted, beep (stored), waitUrl/waitMethod (Say/Play/Pause/Redirect loop; "" = silence), maxParticipants, record=record-from-start, recordingStatusCallback/Method/Event, statusCallback/Method/Event (start end join leave mute hold modify), participantLabel, coach',
  ),
  s(
    "TwiML <Conference>",
    "statusCallbackEvent speaker, announcements, jitterBufferSize, region, trim, eventCallbackUrl",
    "unsupported",
  ),
  s(
    "Conferences",
    "start when ≥2 participants and one has startConferenceOnEnter; end on endConferenceOnExit or when the last participant leaves; ReasonConferenceEnded, CallSidEndingConference, ReasonParticipantLeft",
  ),
  s(
    "Conferences",
    "hold (HoldUrl loop or default music), mute, coaching (heard only by CallSidToCoach)",
  ),
  s(
    "TwiML <Enqueue>",
    "name, action, method, waitUrl/waitUrlMethod loop (QueuePosition, QueueSid, QueueTime, AvgQueueTime, CurrentQueueSize, MaxQueueSize), maxQueueSize, QueueResult (bridged, hangup, leave, redirected, queue-full, error, system-error)",
  ),
  s(
    "TwiML <Enqueue workflowSid>",
    "creates a TaskRouter Task (call params in snake_case + <Task> JSON, priority, timeout); caller waits until TaskRouter moves the call; hangup before assignment cancels the Task",
  ),
  s(
    "TwiML <Enqueue>",
    "waitUrl loop pacing",
    "partial",
    "the sandbox waits at least 1 s of clock time between waitUrl fetches that played nothing",
  ),
  s("TwiML <Dial><Queue>", "name, url (pre-bridge TwiML on the dequeued caller), method"),
  s(
    "TwiML <Dial><Queue>",
    "reservationSid, postWorkActivitySid",
    "unsupported",
    "use TaskRouter's conference or dequeue instruction",
  ),
  s("TwiML <Leave>", "in a queue's waitUrl"),
  s(
    "TwiML <Record>",
    "action (default: current document), method, timeout (silence), finishOnKey, maxLength, playBeep, trim, recordingStatusCallback/Method/Event, transcribe, transcribeCallback; RecordingUrl, RecordingSid, RecordingDuration, Digits",
  ),
  s(
    "TwiML <Record>",
    "silence detection",
    "partial",
    "silence = no scripted speech for `timeout` seconds; with a browser endpoint the silence timeout is off (no voice-activity detection). A recording that heard nothing is `absent` and execution continues with the next verb",
  ),
  s(
    "TwiML <Record>",
    "transcription",
    "partial",
    "the transcription text is the scripted speech said during the recording",
  ),
  s("TwiML <Redirect>", "url (relative or absolute), method"),
  s("TwiML <Hangup>", ""),
  s("TwiML <Reject>", "reason rejected (no-answer) or busy"),
  s(
    "TwiML",
    "<Connect>, <Start>, <Stop>, <Stream>, <Pay>, <Prompt>, <Refer>, <Sip>, <Echo>, <Siprec>, <Transcription>, <Sms>, <Message> in voice",
    "unsupported",
    "skipped and logged",
  ),
  s(
    "TwiML fetch",
    "standard params (AccountSid, ApiVersion, CallSid, CallStatus, Called, Caller, Direction, From, To, ParentCallSid, ApplicationSid, ForwardedFrom, geo params for NANP demo area codes)",
  ),
  s(
    "TwiML fetch",
    "relative URLs against the current document, text/xml and application/xml, text/plain (TwiML or read aloud), audio/* (played then hang up)",
  ),
  s(
    "TwiML fetch",
    "HTTP failure (11200/11205) → fallback URL → application error (spoken apology, hang up); parse failure 12100 → application error",
  ),
  s("TwiML fetch", "cookies, ETag caching", "unsupported"),
  s(
    "Voice SDK calls",
    "outgoing (TwiML App VoiceUrl with params as form fields), incoming to client:<identity> through the media layer",
  ),
];
