/**
 * The video module: `video.twilio.com/v1` Rooms, Participants, RecordingRules and Recordings
 * (+ Media), and `ws /video/signal` for the browser adapter. State is in memory; snapshots keep
 * rooms and participants (live rooms are restored as completed) but not recording media.
 */
import {
  formBool,
  formInt,
  formMethod,
  formString,
  iso8601,
  listV1,
  notFound,
  SandboxError,
} from "../core/rest";
import type { HttpRoute, SandboxContext, SandboxModule, SandboxRequest } from "../core/types";
import { videoSupport } from "./support";
import { VideoEngine, type RecordingRule, type VideoParticipant, type VideoRecording, type VideoRoom } from "./video-engine";
import { VideoSignalServer } from "./video-signal";

const HOST = "video.twilio.com";
export const VIDEO_SIGNAL_PATH = "/video/signal";

function roomJson(engine: VideoEngine, room: VideoRoom, accountSid: string) {
  const url = `https://${HOST}/v1/Rooms/${room.sid}`;
  return {
    account_sid: accountSid, audio_only: false, date_created: iso8601(room.created), date_updated: iso8601(room.updated),
    duration: room.endTime !== null ? engine.duration(room.created, room.endTime) : null,
    empty_room_timeout: room.emptyRoomTimeout, enable_turn: true, end_time: iso8601(room.endTime), large_room: false,
    links: { participants: `${url}/Participants`, recordings: `${url}/Recordings`, recording_rules: `${url}/RecordingRules`, transcriptions: `${url}/Transcriptions` },
    max_concurrent_published_tracks: 170, max_participant_duration: 14_400, max_participants: room.maxParticipants,
    media_region: "us1", record_participants_on_connect: room.recordParticipantsOnConnect, sid: room.sid, status: room.status,
    status_callback: room.statusCallback, status_callback_method: room.statusCallbackMethod, type: room.type,
    unique_name: room.uniqueName, unused_room_timeout: room.unusedRoomTimeout, url, video_codecs: ["VP8", "H264"],
  };
}

function participantJson(engine: VideoEngine, p: VideoParticipant, accountSid: string) {
  const url = `https://${HOST}/v1/Rooms/${p.roomSid}/Participants/${p.sid}`;
  return {
    account_sid: accountSid, date_created: iso8601(p.startTime), date_updated: iso8601(p.endTime ?? p.startTime),
    duration: p.endTime !== null ? engine.duration(p.startTime, p.endTime) : null, end_time: iso8601(p.endTime), identity: p.identity,
    links: { published_tracks: `${url}/PublishedTracks`, subscribed_tracks: `${url}/SubscribedTracks`, subscribe_rules: `${url}/SubscribeRules`, anonymize: `${url}/Anonymize` },
    room_sid: p.roomSid, sid: p.sid, start_time: iso8601(p.startTime), status: p.status, url,
  };
}

function recordingJson(r: VideoRecording, accountSid: string) {
  const url = `https://${HOST}/v1/Recordings/${r.sid}`;
  return {
    account_sid: accountSid, codec: "VP8", container_format: "webm", date_created: iso8601(r.startTime), duration: r.duration,
    grouping_sids: { room_sid: r.roomSid, participant_sid: r.participantSid }, links: { media: `${url}/Media` }, media_external_location: null,
    offset: 0, room_sid: r.roomSid, sid: r.sid, size: r.size, source_sid: r.participantSid, status: r.status, status_callback: null,
    status_callback_method: "POST", track_name: r.trackName, type: r.type, url,
  };
}

function parseRules(request: SandboxRequest): RecordingRule[] {
  const raw = formString(request.form, "Rules");
  if (raw === undefined) throw new SandboxError(400, 53120, "Invalid Recording Rule(s)");
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new SandboxError(400, 53120, "Invalid Recording Rule(s)");
  }
  const list = Array.isArray(value) ? value : (value as { rules?: unknown })?.rules;
  if (!Array.isArray(list)) throw new SandboxError(400, 53120, "Invalid Recording Rule(s)");
  return list.map((rule) => {
    const r = rule as RecordingRule;
    if (r.type !== "include" && r.type !== "exclude") throw new SandboxError(400, 53120, "Invalid Recording Rule(s)");
    return { type: r.type, ...(r.all !== undefined ? { all: Boolean(r.all) } : {}), ...(r.kind ? { kind: r.kind } : {}), ...(r.publisher ? { publisher: r.publisher } : {}), ...(r.track ? { track: r.track } : {}) };
  });
}

export function videoModule(ctx: SandboxContext): SandboxModule {
  const engine = new VideoEngine(ctx);
  const signal = new VideoSignalServer(ctx, engine);
  const sid = () => ctx.account.accountSid;

  function room(request: SandboxRequest): VideoRoom {
    const found = engine.getRoom(request.params.RoomSid ?? "");
    if (!found) throw notFound(`/v1/Rooms/${request.params.RoomSid}`);
    return found;
  }

  function unsupported(request: SandboxRequest, names: string[]): void {
    for (const name of names) {
      if (request.form[name] !== undefined) ctx.debugger.report({ level: "unsupported", code: 0, message: `Video Rooms parameter ${name} is accepted but not emulated`, url: request.path });
    }
  }

  const routes: HttpRoute[] = [
    {
      method: "POST", pattern: "/video/v1/Rooms",
      handler: (request) => {
        unsupported(request, ["MediaRegion", "VideoCodecs", "AudioOnly", "MaxParticipantDuration", "LargeRoom", "TranscribeParticipantsOnConnect", "RecordingRules"]);
        const type = formString(request.form, "Type") ?? "group";
        if (!["group", "group-small", "peer-to-peer", "go"].includes(type)) throw new SandboxError(400, 53107, "Invalid Room type");
        const created = engine.createRoom({
          uniqueName: formString(request.form, "UniqueName"), type,
          statusCallback: formString(request.form, "StatusCallback") ?? null, statusCallbackMethod: formMethod(request.form, "StatusCallbackMethod") ?? "POST",
          maxParticipants: formInt(request.form, "MaxParticipants", { min: 1, max: 50 }),
          emptyRoomTimeout: formInt(request.form, "EmptyRoomTimeout", { min: 1, max: 1440 }),
          unusedRoomTimeout: formInt(request.form, "UnusedRoomTimeout", { min: 1, max: 1440 }),
          recordParticipantsOnConnect: formBool(request.form, "RecordParticipantsOnConnect"),
        });
        return { status: 201, body: roomJson(engine, created, sid()) };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Rooms",
      handler: (request) => {
        const status = request.query.get("Status");
        const name = request.query.get("UniqueName");
        const items = [...engine.rooms.values()].reverse().filter((r) => (!status || r.status === status) && (!name || r.uniqueName === name));
        return { status: 200, body: listV1(request, HOST, "rooms", items, (r) => roomJson(engine, r, sid())) };
      },
    },
    { method: "GET", pattern: "/video/v1/Rooms/:RoomSid", handler: (request) => ({ status: 200, body: roomJson(engine, room(request), sid()) }) },
    {
      method: "POST", pattern: "/video/v1/Rooms/:RoomSid",
      handler: (request) => {
        const target = room(request);
        const status = formString(request.form, "Status");
        if (status !== "completed") throw new SandboxError(400, 53117, "Invalid Room status; only completed is allowed");
        engine.endRoom(target);
        return { status: 200, body: roomJson(engine, target, sid()) };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Rooms/:RoomSid/Participants",
      handler: (request) => {
        const target = room(request);
        const status = request.query.get("Status");
        const identity = request.query.get("Identity");
        const items = [...engine.participants.values()].filter((p) => p.roomSid === target.sid && (!status || p.status === status) && (!identity || p.identity === identity));
        return { status: 200, body: listV1(request, HOST, "participants", items, (p) => participantJson(engine, p, sid())) };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Rooms/:RoomSid/Participants/:ParticipantSid",
      handler: (request) => {
        const target = room(request);
        const key = request.params.ParticipantSid!;
        const p = engine.participants.get(key) ?? engine.connectedParticipants(target.sid).find((x) => x.identity === key);
        if (!p || p.roomSid !== target.sid) throw notFound(`/v1/Rooms/${target.sid}/Participants/${key}`);
        return { status: 200, body: participantJson(engine, p, sid()) };
      },
    },
    {
      method: "POST", pattern: "/video/v1/Rooms/:RoomSid/Participants/:ParticipantSid",
      handler: (request) => {
        const target = room(request);
        const key = request.params.ParticipantSid!;
        const p = engine.participants.get(key) ?? engine.connectedParticipants(target.sid).find((x) => x.identity === key);
        if (!p || p.roomSid !== target.sid) throw notFound(`/v1/Rooms/${target.sid}/Participants/${key}`);
        if (formString(request.form, "Status") !== "disconnected") throw new SandboxError(400, 53204, "Invalid Participant status; only disconnected is allowed");
        engine.kick(p.sid);
        return { status: 200, body: participantJson(engine, p, sid()) };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Rooms/:RoomSid/RecordingRules",
      handler: (request) => {
        const target = room(request);
        return { status: 200, body: { room_sid: target.sid, rules: target.rules, date_created: iso8601(target.created), date_updated: iso8601(target.rulesUpdated) } };
      },
    },
    {
      method: "POST", pattern: "/video/v1/Rooms/:RoomSid/RecordingRules",
      handler: (request) => {
        const target = room(request);
        if (target.status !== "in-progress") throw new SandboxError(400, 53118, "Room completed");
        if (target.type === "peer-to-peer" || target.type === "go") throw new SandboxError(400, 53124, "Recording rules are not supported in peer-to-peer rooms");
        engine.setRules(target, parseRules(request));
        return { status: 200, body: { room_sid: target.sid, rules: target.rules, date_created: iso8601(target.created), date_updated: iso8601(target.rulesUpdated) } };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Rooms/:RoomSid/Recordings",
      handler: (request) => {
        const target = room(request);
        const items = [...engine.recordings.values()].filter((r) => r.roomSid === target.sid);
        return { status: 200, body: listV1(request, HOST, "recordings", items, (r) => recordingJson(r, sid())) };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Recordings",
      handler: (request) => {
        const groupingSid = request.query.getAll("GroupingSid");
        const items = [...engine.recordings.values()].filter((r) => groupingSid.length === 0 || groupingSid.includes(r.roomSid) || groupingSid.includes(r.participantSid));
        return { status: 200, body: listV1(request, HOST, "recordings", items, (r) => recordingJson(r, sid())) };
      },
    },
    {
      method: "GET", pattern: "/video/v1/Recordings/:RecordingSid",
      handler: (request) => {
        const r = engine.recordings.get(request.params.RecordingSid ?? "");
        if (!r) throw notFound(`/v1/Recordings/${request.params.RecordingSid}`);
        return { status: 200, body: recordingJson(r, sid()) };
      },
    },
    {
      // Twilio answers with a short-lived pre-signed storage URL; the sandbox serves the file itself.
      method: "GET", pattern: "/video/v1/Recordings/:RecordingSid/Media",
      handler: (request) => {
        const r = engine.recordings.get(request.params.RecordingSid ?? "");
        if (!r) throw notFound(`/v1/Recordings/${request.params.RecordingSid}/Media`);
        if (r.status !== "completed" || !r.media) throw new SandboxError(404, 53103, "Recording media is not available");
        return { status: 200, body: { redirect_to: `${ctx.baseUrl}/video/media/${r.sid}/${r.mediaKey}.webm` } };
      },
    },
    {
      method: "GET", pattern: "/video/media/:RecordingSid/:File", auth: "none",
      handler: (request) => {
        const r = engine.recordings.get(request.params.RecordingSid ?? "");
        if (!r || !r.media || request.params.File !== `${r.mediaKey}.webm`) throw notFound("recording media");
        return { status: 200, headers: { "Content-Type": "video/webm", "Content-Length": String(r.media.length) }, body: r.media };
      },
    },
  ];

  return {
    name: "video",
    routes,
    wsRoutes: [{ path: VIDEO_SIGNAL_PATH, onConnection: (socket, request) => signal.onConnection(socket, request) }],
    support: videoSupport,
    reset: () => { signal.onRoomEndedAll(); engine.reset(); },
    state: () => ({ rooms: [...engine.rooms.values()].map((r) => engine.roomView(r)) }),
    snapshot: () => ({
      rooms: [...engine.rooms.values()].map((r) => ({ ...r })),
      participants: [...engine.participants.values()],
      recordings: [...engine.recordings.values()].map((r) => ({ ...r, media: null })),
    }),
    restore: (state) => {
      engine.reset();
      const s = state as { rooms?: VideoRoom[]; participants?: VideoParticipant[]; recordings?: VideoRecording[] } | null;
      for (const r of s?.rooms ?? []) engine.rooms.set(r.sid, { ...r, status: r.status === "in-progress" ? "completed" : r.status, endTime: r.endTime ?? ctx.clock.now() });
      for (const p of s?.participants ?? []) engine.participants.set(p.sid, { ...p, status: "disconnected", endTime: p.endTime ?? ctx.clock.now() });
      for (const r of s?.recordings ?? []) engine.recordings.set(r.sid, { ...r, media: null, status: r.status === "completed" ? "deleted" : r.status });
    },
    close: () => signal.close(),
  };
}
