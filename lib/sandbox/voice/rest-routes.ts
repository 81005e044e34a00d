/**
 * The voice half of the 2010 API: Calls (+ Recordings), Conferences (+ Participants,
 * Recordings), Recordings (+ media, Transcriptions), Transcriptions, Queues (+ Members).
 */
import {
  formBool,
  formInt,
  formList,
  formMethod,
  formString,
  list2010,
  notFound,
  requireString,
  SandboxError,
} from "../core/rest";
import type { HttpRoute, SandboxRequest } from "../core/types";
import { isTerminal, type Recording } from "./model";
import {
  serializeCall,
  serializeConference,
  serializeMember,
  serializeParticipant,
  serializeQueue,
  serializeRecording,
  serializeTranscription,
} from "./serializers";
import type { VoiceEngine } from "./voice-engine";

const API = "/api/2010-04-01/Accounts/:AccountSid";
const E164 = /^\+[1-9]\d{6,14}$/;

function absoluteUrl(form: SandboxRequest["form"], key: string, code = 21205): string | undefined {
  const v = formString(form, key);
  if (v === undefined || v === "") return undefined;
  if (!/^https?:\/\/[^\s]+$/i.test(v))
    throw new SandboxError(400, code, `${key} is not a valid URL: ${v}`);
  return v;
}

function dateFilter(query: URLSearchParams, key: string): ((ms: number | null) => boolean) | null {
  const tests: ((ms: number | null) => boolean)[] = [];
  const day = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  const exact = query.get(key);
  if (exact)
    tests.push(
      (ms) => ms !== null && new Date(ms).toISOString().slice(0, 10) === exact.slice(0, 10),
    );
  const before = query.get(`${key}<`);
  if (before)
    tests.push(
      (ms) => ms !== null && ms <= day(before) + (before.length === 10 ? 86_400_000 - 1 : 0),
    );
  const after = query.get(`${key}>`);
  if (after) tests.push((ms) => ms !== null && ms >= day(after));
  return tests.length ? (ms) => tests.every((t) => t(ms)) : null;
}

export function voiceRoutes(engine: VoiceEngine): HttpRoute[] {
  const { ctx } = engine;
  const core = engine.core;
  const account = () => ctx.account.accountSid;
  const unsupported = (message: string, sid?: string) =>
    ctx.debugger.report({ level: "unsupported", code: 0, message, resourceSid: sid });

  const findCall = (sid: string) => {
    const call = core.call(sid);
    if (!call) throw notFound(`Call ${sid}`);
    return call;
  };
  const findConference = (sid: string) => {
    const c = engine.conferences.resolve(sid);
    if (!c) throw notFound(`Conference ${sid}`);
    return c;
  };
  const findRecording = (sid: string) => {
    const r = engine.recordings.get(sid);
    if (!r || r.status === "deleted") throw notFound(`Recording ${sid}`);
    return r;
  };
  const findQueue = (sid: string) => {
    const q = engine.queues.get(sid);
    if (!q) throw notFound(`Queue ${sid}`);
    return q;
  };

  const recordingMedia = (request: SandboxRequest) => {
    const file = request.params.File!;
    const match = /^(RE[0-9a-f]{32})(\.(wav|mp3))?$/.exec(file);
    if (!match) throw notFound(`Recording ${file}`);
    const recording = findRecording(match[1]!);
    if (match[3] === "mp3") {
      unsupported(
        "Recording media as MP3 is not available in the sandbox (no encoder); fetch the .wav",
        recording.sid,
      );
      throw new SandboxError(
        415,
        20001,
        "The sandbox serves recordings as WAV only: request the URL without an extension or with .wav",
      );
    }
    if (!recording.wav)
      throw new SandboxError(
        404,
        20404,
        `Recording ${recording.sid} has no media yet (status ${recording.status})`,
      );
    return {
      status: 200,
      headers: {
        "Content-Type": "audio/x-wav",
        "Content-Disposition": `inline; filename="${recording.sid}.wav"`,
      },
      body: Buffer.from(recording.wav, "base64"),
    };
  };

  const listRecordings = (request: SandboxRequest, items: Recording[], callSubresource = false) => {
    const created = dateFilter(request.query, "DateCreated");
    const filtered = items
      .filter((r) => r.status !== "deleted" && (!created || created(r.dateCreated)))
      .sort((a, b) => b.dateCreated - a.dateCreated);
    return {
      status: 200,
      body: list2010(request, "recordings", filtered, (r) =>
        serializeRecording(r, account(), { callSubresource }),
      ),
    };
  };

  return [
    // ───────────── Calls ─────────────
    {
      method: "GET",
      pattern: `${API}/Calls.json`,
      handler: (request) => {
        const q = request.query;
        const started = dateFilter(q, "StartTime");
        const ended = dateFilter(q, "EndTime");
        const calls = core.state.calls
          .filter(
            (c) =>
              (!q.get("To") || c.to === q.get("To")) &&
              (!q.get("From") || c.from === q.get("From")) &&
              (!q.get("ParentCallSid") || c.parentCallSid === q.get("ParentCallSid")) &&
              (!q.get("Status") ||
                (c.status === "initiated" ? "queued" : c.status) === q.get("Status")) &&
              (!started || started(c.startTime)) &&
              (!ended || ended(c.endTime)),
          )
          .sort((a, b) => b.dateCreated - a.dateCreated);
        return {
          status: 200,
          body: list2010(request, "calls", calls, (c) => serializeCall(c, account())),
        };
      },
    },
    {
      method: "POST",
      pattern: `${API}/Calls.json`,
      handler: async (request) => {
        const f = request.form;
        const to = requireString(f, "To");
        const from = requireString(f, "From");
        if (!E164.test(to.split("?")[0]!) && !/^client:[\w.@-]+(\?.*)?$/.test(to)) {
          if (to.startsWith("sip:")) unsupported("Calls to SIP addresses are not emulated");
          throw new SandboxError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
        }
        const ownNumber = ctx.numbers?.findNumber(from);
        if (!ownNumber && !from.startsWith("client:")) {
          throw new SandboxError(
            400,
            21210,
            `The source phone number provided, ${from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.`,
          );
        }
        const url = absoluteUrl(f, "Url");
        const twiml = formString(f, "Twiml");
        const applicationSid = formString(f, "ApplicationSid");
        if (!url && !twiml && !applicationSid)
          throw new SandboxError(400, 21205, "Either Url, Twiml or ApplicationSid is required");
        if (twiml && twiml.length > 4000)
          throw new SandboxError(400, 21206, "Twiml is longer than 4000 characters");
        for (const key of [
          "MachineDetection",
          "AsyncAmd",
          "Trim",
          "CallerId",
          "Byoc",
          "CallReason",
          "CallToken",
          "SipAuthUsername",
        ]) {
          if (formString(f, key))
            unsupported(`Calls create parameter ${key} is accepted but not emulated`);
        }
        const call = await engine.createCall({
          to,
          from,
          url,
          method: formMethod(f, "Method"),
          twiml: url ? undefined : twiml,
          applicationSid: url || twiml ? undefined : applicationSid,
          fallbackUrl: absoluteUrl(f, "FallbackUrl"),
          fallbackMethod: formMethod(f, "FallbackMethod"),
          statusCallback: absoluteUrl(f, "StatusCallback"),
          statusCallbackMethod: formMethod(f, "StatusCallbackMethod"),
          statusCallbackEvent: formList(f, "StatusCallbackEvent"),
          timeoutSeconds: formInt(f, "Timeout", { min: 1, max: 600 }),
          timeLimitSeconds: formInt(f, "TimeLimit", { min: 1, max: 86400 }),
          record: formBool(f, "Record"),
          recordingChannels: formString(f, "RecordingChannels") === "dual" ? "dual" : "mono",
          recordingStatusCallback: absoluteUrl(f, "RecordingStatusCallback"),
          recordingStatusCallbackMethod: formMethod(f, "RecordingStatusCallbackMethod"),
          recordingStatusCallbackEvents: formList(f, "RecordingStatusCallbackEvent"),
          recordingTrack: formString(f, "RecordingTrack"),
          sendDigits: formString(f, "SendDigits"),
        });
        const stored = core.call(call.sid)!;
        stored.phoneNumberSid = ownNumber?.sid ?? null;
        return { status: 201, body: serializeCall(stored, account()) };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Calls/:CallSid.json`,
      handler: (r) => ({
        status: 200,
        body: serializeCall(findCall(r.params.CallSid!), account()),
      }),
    },
    {
      method: "POST",
      pattern: `${API}/Calls/:CallSid.json`,
      handler: async (request) => {
        const f = request.form;
        const call = findCall(request.params.CallSid!);
        const status = formString(f, "Status");
        if (status !== undefined && status !== "completed" && status !== "canceled")
          throw new SandboxError(400, 20001, `Status must be completed or canceled, got ${status}`);
        const url = absoluteUrl(f, "Url");
        const twiml = formString(f, "Twiml");
        if (url && twiml)
          throw new SandboxError(400, 21205, "Url and Twiml are mutually exclusive");
        await engine.updateCall(call.sid, {
          url,
          twiml,
          method: formMethod(f, "Method"),
          status: status as "completed" | "canceled" | undefined,
          fallbackUrl: absoluteUrl(f, "FallbackUrl"),
          fallbackMethod: formMethod(f, "FallbackMethod"),
          statusCallback: absoluteUrl(f, "StatusCallback"),
          statusCallbackMethod: formMethod(f, "StatusCallbackMethod"),
        });
        return { status: 200, body: serializeCall(call, account()) };
      },
    },
    {
      method: "DELETE",
      pattern: `${API}/Calls/:CallSid.json`,
      handler: (request) => {
        const call = findCall(request.params.CallSid!);
        if (!isTerminal(call.status))
          throw new SandboxError(400, 20009, "Cannot delete a call that is still in progress");
        core.state.calls = core.state.calls.filter((c) => c !== call);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Calls/:CallSid/Recordings.json`,
      handler: (request) => {
        const call = findCall(request.params.CallSid!);
        return listRecordings(
          request,
          core.state.recordings.filter((r) => r.callSid === call.sid),
          true,
        );
      },
    },
    {
      method: "POST",
      pattern: `${API}/Calls/:CallSid/Recordings.json`,
      handler: (request) => {
        const f = request.form;
        const call = findCall(request.params.CallSid!);
        if (call.status !== "in-progress")
          throw new SandboxError(
            400,
            21220,
            "Recording can only be started on an in-progress call",
          );
        const track = (formString(f, "RecordingTrack") ?? "both") as Recording["track"];
        const legs = [
          call.sid,
          ...(core.runtime(call.sid).bridgedWith ? [core.runtime(call.sid).bridgedWith!] : []),
        ];
        const handle = engine.recordings.start({
          callSid: call.sid,
          legs,
          source: "StartCallRecordingAPI",
          channels: formString(f, "RecordingChannels") === "dual" ? 2 : 1,
          statusCallback: absoluteUrl(f, "RecordingStatusCallback") ?? null,
          statusCallbackMethod: formMethod(f, "RecordingStatusCallbackMethod") ?? "POST",
          statusCallbackEvents: formList(f, "RecordingStatusCallbackEvent") ?? ["completed"],
          track,
        });
        return {
          status: 201,
          body: serializeRecording(engine.recordings.get(handle.sid)!, account(), {
            callSubresource: true,
          }),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Calls/:CallSid/Recordings/:Sid.json`,
      handler: (request) => {
        const call = findCall(request.params.CallSid!);
        const recording = resolveCallRecording(call.sid, request.params.Sid!);
        return {
          status: 200,
          body: serializeRecording(recording, account(), { callSubresource: true }),
        };
      },
    },
    {
      method: "POST",
      pattern: `${API}/Calls/:CallSid/Recordings/:Sid.json`,
      handler: async (request) => {
        const call = findCall(request.params.CallSid!);
        const recording = resolveCallRecording(call.sid, request.params.Sid!);
        const status = requireString(request.form, "Status");
        const handle = engine.recordings.handle(recording.sid);
        if (!handle)
          throw new SandboxError(400, 21220, `Recording ${recording.sid} is not in progress`);
        if (formString(request.form, "PauseBehavior"))
          unsupported(
            "Recording PauseBehavior is accepted; the sandbox always skips paused time",
            recording.sid,
          );
        if (status === "paused") engine.recordings.pause(handle);
        else if (status === "in-progress") engine.recordings.resume(handle);
        else if (status === "stopped") await engine.recordings.stop(handle);
        else throw new SandboxError(400, 20001, "Status must be paused, in-progress or stopped");
        return {
          status: 200,
          body: serializeRecording(engine.recordings.get(recording.sid)!, account(), {
            callSubresource: true,
          }),
        };
      },
    },
    {
      method: "DELETE",
      pattern: `${API}/Calls/:CallSid/Recordings/:Sid.json`,
      handler: (request) => {
        const recording = resolveCallRecording(
          findCall(request.params.CallSid!).sid,
          request.params.Sid!,
        );
        deleteRecording(recording);
        return { status: 204 };
      },
    },
    // ───────────── Conferences ─────────────
    {
      method: "GET",
      pattern: `${API}/Conferences.json`,
      handler: (request) => {
        const q = request.query;
        const created = dateFilter(q, "DateCreated");
        const updated = dateFilter(q, "DateUpdated");
        const items = core.state.conferences
          .filter(
            (c) =>
              (!q.get("FriendlyName") || c.friendlyName === q.get("FriendlyName")) &&
              (!q.get("Status") || c.status === q.get("Status")) &&
              (!created || created(c.dateCreated)) &&
              (!updated || updated(c.dateUpdated)),
          )
          .sort((a, b) => b.dateCreated - a.dateCreated);
        return {
          status: 200,
          body: list2010(request, "conferences", items, (c) => serializeConference(c, account())),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Conferences/:Sid.json`,
      handler: (r) => ({
        status: 200,
        body: serializeConference(findConference(r.params.Sid!), account()),
      }),
    },
    {
      method: "POST",
      pattern: `${API}/Conferences/:Sid.json`,
      handler: (request) => {
        const conference = findConference(request.params.Sid!);
        if (formString(request.form, "AnnounceUrl"))
          unsupported("Conference announcements (AnnounceUrl) are not emulated", conference.sid);
        const status = formString(request.form, "Status");
        if (status === "completed")
          engine.conferences.end(conference, "conference-ended-via-api", null);
        else if (status !== undefined)
          throw new SandboxError(400, 20001, "Status can only be set to completed");
        return { status: 200, body: serializeConference(conference, account()) };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Conferences/:Sid/Participants.json`,
      handler: (request) => {
        const conference = findConference(request.params.Sid!);
        const q = request.query;
        const items = conference.participants.filter(
          (p) =>
            (!q.get("Muted") || String(p.muted) === q.get("Muted")) &&
            (!q.get("Hold") || String(p.hold) === q.get("Hold")) &&
            (!q.get("Coaching") || String(p.coaching) === q.get("Coaching")) &&
            (!q.get("Label") || p.label === q.get("Label")),
        );
        return {
          status: 200,
          body: list2010(request, "participants", items, (p) =>
            serializeParticipant(p, conference, account()),
          ),
        };
      },
    },
    {
      method: "POST",
      pattern: `${API}/Conferences/:Sid/Participants.json`,
      handler: async (request) => {
        const f = request.form;
        const to = requireString(f, "To");
        const from = requireString(f, "From");
        if (!E164.test(to) && !/^client:[\w.@-]+$/.test(to))
          throw new SandboxError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
        if (!ctx.numbers?.findNumber(from) && !from.startsWith("client:"))
          throw new SandboxError(
            400,
            21210,
            `The source phone number provided, ${from}, is not a number of this account`,
          );
        const label = formString(f, "Label");
        const existing = engine.conferences.resolve(request.params.Sid!);
        if (label && existing?.participants.some((p) => p.label === label))
          throw new SandboxError(
            400,
            16025,
            `A participant labeled ${label} is already in the conference`,
          );
        for (const key of [
          "Record",
          "AnnounceUrl",
          "MachineDetection",
          "Trim",
          "JitterBufferSize",
          "Byoc",
          "CallReason",
          "RecordingTrack",
        ]) {
          if (formString(f, key))
            unsupported(`Participants create parameter ${key} is accepted but not emulated`);
        }
        const callSidToCoach = formString(f, "CallSidToCoach");
        const coaching = formBool(f, "Coaching");
        if (coaching && !callSidToCoach)
          throw new SandboxError(400, 20001, "Coaching requires CallSidToCoach");
        const { callSid, conferenceSid } = await engine.addConferenceParticipant(
          request.params.Sid!,
          {
            from,
            to,
            label,
            muted: formBool(f, "Muted"),
            hold: formBool(f, "Hold"),
            beep:
              formString(f, "Beep") === undefined ? undefined : formString(f, "Beep") !== "false",
            startConferenceOnEnter: formBool(f, "StartConferenceOnEnter"),
            endConferenceOnExit: formBool(f, "EndConferenceOnExit"),
            coaching,
            callSidToCoach,
            statusCallback: absoluteUrl(f, "StatusCallback"),
            statusCallbackEvent: formList(f, "StatusCallbackEvent"),
            conferenceStatusCallback: absoluteUrl(f, "ConferenceStatusCallback"),
            conferenceStatusCallbackEvent: formList(f, "ConferenceStatusCallbackEvent"),
            conferenceRecord:
              formString(f, "ConferenceRecord") === "record-from-start" ||
              formString(f, "ConferenceRecord") === "true"
                ? "record-from-start"
                : undefined,
            recordingStatusCallback: absoluteUrl(f, "ConferenceRecordingStatusCallback"),
            timeoutSeconds: formInt(f, "Timeout", { min: 5, max: 600 }),
            waitUrl: formString(f, "WaitUrl"),
            earlyMedia: formBool(f, "EarlyMedia"),
          },
        );
        const conference = engine.conferences.get(conferenceSid)!;
        const participant = conference.participants.find((p) => p.callSid === callSid)!;
        return { status: 201, body: serializeParticipant(participant, conference, account()) };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Conferences/:Sid/Participants/:CallSid.json`,
      handler: (request) => {
        const conference = findConference(request.params.Sid!);
        const participant = engine.conferences.participant(conference, request.params.CallSid!);
        if (!participant) throw notFound(`Participant ${request.params.CallSid}`);
        return { status: 200, body: serializeParticipant(participant, conference, account()) };
      },
    },
    {
      method: "POST",
      pattern: `${API}/Conferences/:Sid/Participants/:CallSid.json`,
      handler: (request) => {
        const f = request.form;
        const conference = findConference(request.params.Sid!);
        const participant = engine.conferences.participant(conference, request.params.CallSid!);
        if (!participant) throw notFound(`Participant ${request.params.CallSid}`);
        for (const key of ["AnnounceUrl", "BeepOnExit", "Beep"])
          if (formString(f, key))
            unsupported(
              `Participant update ${key} is accepted but not emulated`,
              participant.callSid,
            );
        const coaching = formBool(f, "Coaching");
        const callSidToCoach = formString(f, "CallSidToCoach");
        if (coaching && !callSidToCoach && !participant.callSidToCoach)
          throw new SandboxError(400, 20001, "Coaching requires CallSidToCoach");
        engine.conferences.update(conference, participant, {
          muted: formBool(f, "Muted"),
          hold: formBool(f, "Hold"),
          holdUrl: formString(f, "HoldUrl"),
          holdMethod: formMethod(f, "HoldMethod"),
          coaching,
          callSidToCoach: coaching === false ? null : callSidToCoach,
          endConferenceOnExit: formBool(f, "EndConferenceOnExit"),
          waitUrl: formString(f, "WaitUrl"),
        });
        return { status: 200, body: serializeParticipant(participant, conference, account()) };
      },
    },
    {
      method: "DELETE",
      pattern: `${API}/Conferences/:Sid/Participants/:CallSid.json`,
      handler: (request) => {
        const conference = findConference(request.params.Sid!);
        const participant = engine.conferences.participant(conference, request.params.CallSid!);
        if (!participant) throw notFound(`Participant ${request.params.CallSid}`);
        engine.conferences.remove(conference, participant.callSid, "participant_updated_via_api");
        return { status: 204 };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Conferences/:Sid/Recordings.json`,
      handler: (request) => {
        const conference = findConference(request.params.Sid!);
        return listRecordings(
          request,
          core.state.recordings.filter((r) => r.conferenceSid === conference.sid),
        );
      },
    },
    // ───────────── Recordings ─────────────
    {
      method: "GET",
      pattern: `${API}/Recordings.json`,
      handler: (request) => {
        const q = request.query;
        return listRecordings(
          request,
          core.state.recordings.filter(
            (r) =>
              (!q.get("CallSid") || r.callSid === q.get("CallSid")) &&
              (!q.get("ConferenceSid") || r.conferenceSid === q.get("ConferenceSid")),
          ),
        );
      },
    },
    {
      method: "GET",
      pattern: `${API}/Recordings/:Sid.json`,
      handler: (r) => ({
        status: 200,
        body: serializeRecording(findRecording(r.params.Sid!), account()),
      }),
    },
    {
      method: "DELETE",
      pattern: `${API}/Recordings/:Sid.json`,
      handler: (request) => {
        deleteRecording(findRecording(request.params.Sid!));
        return { status: 204 };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Recordings/:Sid/Transcriptions.json`,
      handler: (request) => {
        const recording = findRecording(request.params.Sid!);
        return {
          status: 200,
          body: list2010(request, "transcriptions", recording.transcriptions, (t) =>
            serializeTranscription(t, account()),
          ),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Recordings/:Sid/Transcriptions/:TranscriptionSid.json`,
      handler: (request) => {
        const t = findRecording(request.params.Sid!).transcriptions.find(
          (x) => x.sid === request.params.TranscriptionSid,
        );
        if (!t) throw notFound(`Transcription ${request.params.TranscriptionSid}`);
        return { status: 200, body: serializeTranscription(t, account()) };
      },
    },
    // Recording media is served without auth, as Twilio does by default (no "enforce HTTP auth").
    { method: "GET", pattern: `${API}/Recordings/:File`, auth: "none", handler: recordingMedia },
    {
      method: "GET",
      pattern: `${API}/Transcriptions.json`,
      handler: (request) => {
        const all = core.state.recordings
          .filter((r) => r.status !== "deleted")
          .flatMap((r) => r.transcriptions);
        return {
          status: 200,
          body: list2010(request, "transcriptions", all, (t) =>
            serializeTranscription(t, account()),
          ),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Transcriptions/:Sid.json`,
      handler: (request) => {
        const t = core.state.recordings
          .flatMap((r) => r.transcriptions)
          .find((x) => x.sid === request.params.Sid);
        if (!t) throw notFound(`Transcription ${request.params.Sid}`);
        return { status: 200, body: serializeTranscription(t, account()) };
      },
    },
    {
      method: "DELETE",
      pattern: `${API}/Transcriptions/:Sid.json`,
      handler: (request) => {
        const recording = core.state.recordings.find((r) =>
          r.transcriptions.some((t) => t.sid === request.params.Sid),
        );
        if (!recording) throw notFound(`Transcription ${request.params.Sid}`);
        recording.transcriptions = recording.transcriptions.filter(
          (t) => t.sid !== request.params.Sid,
        );
        return { status: 204 };
      },
    },
    // ───────────── Queues ─────────────
    {
      method: "GET",
      pattern: `${API}/Queues.json`,
      handler: (request) => ({
        status: 200,
        body: list2010(request, "queues", core.state.queues, (q) =>
          serializeQueue(q, account(), engine.queues.averageWait(q)),
        ),
      }),
    },
    {
      method: "POST",
      pattern: `${API}/Queues.json`,
      handler: (request) => {
        const name = requireString(request.form, "FriendlyName");
        if (engine.queues.byName(name))
          throw new SandboxError(400, 22003, `A queue named ${name} already exists`);
        const queue = engine.queues.create(
          name,
          formInt(request.form, "MaxSize", { min: 1, max: 5000 }) ?? 100,
        );
        return { status: 201, body: serializeQueue(queue, account(), 0) };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Queues/:Sid.json`,
      handler: (r) => ({
        status: 200,
        body: serializeQueue(
          findQueue(r.params.Sid!),
          account(),
          engine.queues.averageWait(findQueue(r.params.Sid!)),
        ),
      }),
    },
    {
      method: "POST",
      pattern: `${API}/Queues/:Sid.json`,
      handler: (request) => {
        const queue = findQueue(request.params.Sid!);
        const name = formString(request.form, "FriendlyName");
        if (name) queue.friendlyName = name;
        const max = formInt(request.form, "MaxSize", { min: 1, max: 5000 });
        if (max !== undefined) queue.maxSize = max;
        queue.dateUpdated = core.now();
        return {
          status: 200,
          body: serializeQueue(queue, account(), engine.queues.averageWait(queue)),
        };
      },
    },
    {
      method: "DELETE",
      pattern: `${API}/Queues/:Sid.json`,
      handler: (request) => {
        const queue = findQueue(request.params.Sid!);
        if (queue.members.length > 0)
          throw new SandboxError(400, 22004, "Cannot delete a queue that has members");
        core.state.queues = core.state.queues.filter((q) => q !== queue);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Queues/:Sid/Members.json`,
      handler: (request) => {
        const queue = findQueue(request.params.Sid!);
        return {
          status: 200,
          body: list2010(request, "queue_members", queue.members, (m) =>
            serializeMember(
              queue,
              m.callSid,
              m.dateEnqueued,
              engine.queues.position(queue, m.callSid),
              core.now(),
              account(),
            ),
          ),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Queues/:Sid/Members/:CallSid.json`,
      handler: (request) => {
        const queue = findQueue(request.params.Sid!);
        const member =
          request.params.CallSid === "Front"
            ? queue.members[0]
            : queue.members.find((m) => m.callSid === request.params.CallSid);
        if (!member) throw notFound(`Member ${request.params.CallSid}`);
        return {
          status: 200,
          body: serializeMember(
            queue,
            member.callSid,
            member.dateEnqueued,
            engine.queues.position(queue, member.callSid),
            core.now(),
            account(),
          ),
        };
      },
    },
    {
      method: "POST",
      pattern: `${API}/Queues/:Sid/Members/:CallSid.json`,
      handler: (request) => {
        const queue = findQueue(request.params.Sid!);
        const member =
          request.params.CallSid === "Front"
            ? queue.members[0]
            : queue.members.find((m) => m.callSid === request.params.CallSid);
        if (!member) throw notFound(`Member ${request.params.CallSid}`);
        const url = absoluteUrl(request.form, "Url");
        if (!url) throw new SandboxError(400, 21205, "Url is required to dequeue a member");
        const body = serializeMember(
          queue,
          member.callSid,
          member.dateEnqueued,
          engine.queues.position(queue, member.callSid),
          core.now(),
          account(),
        );
        engine.queues.redirectMember(
          member.callSid,
          url,
          formMethod(request.form, "Method") ?? "POST",
        );
        return { status: 200, body };
      },
    },
  ];

  function resolveCallRecording(callSid: string, sid: string): Recording {
    const recordings = core.state.recordings.filter(
      (r) => r.callSid === callSid && r.status !== "deleted",
    );
    const recording =
      sid === "Twilio.CURRENT"
        ? recordings.filter((r) => engine.recordings.handle(r.sid)).pop()
        : recordings.find((r) => r.sid === sid);
    if (!recording) throw notFound(`Recording ${sid}`);
    return recording;
  }

  function deleteRecording(recording: Recording) {
    if (recording.status === "in-progress" || recording.status === "paused")
      throw new SandboxError(400, 20009, "Cannot delete a recording in progress");
    core.state.recordings = core.state.recordings.filter((r) => r !== recording);
  }
}
