/**
 * Rooms, participants, recording rules and recordings of the Video v1 API, with Twilio's status
 * callbacks (room-created, participant-connected/-disconnected, recording-started/-completed,
 * room-ended), delivered in order per room with a SequenceNumber.
 * https://www.twilio.com/docs/video/api/status-callbacks
 */
import { SandboxError } from "../core/rest";
import type { SandboxContext, TimerHandle } from "../core/types";

export interface RecordingRule {
  type: "include" | "exclude";
  all?: boolean;
  kind?: string;
  publisher?: string;
  track?: string;
}

export interface VideoParticipant {
  sid: string;
  roomSid: string;
  identity: string;
  status: "connected" | "disconnected";
  startTime: number;
  endTime: number | null;
}

export interface VideoRecording {
  sid: string;
  roomSid: string;
  participantSid: string;
  trackName: string;
  type: "video";
  status: "processing" | "completed" | "failed" | "deleted";
  startTime: number;
  duration: number | null;
  size: number | null;
  media: Buffer | null;
  /** Unguessable key of the pre-signed media URL (Twilio redirects to a signed storage URL). */
  mediaKey: string;
}

export interface VideoRoom {
  sid: string;
  uniqueName: string;
  type: string;
  status: "in-progress" | "completed" | "failed";
  statusCallback: string | null;
  statusCallbackMethod: "GET" | "POST";
  maxParticipants: number;
  emptyRoomTimeout: number;
  unusedRoomTimeout: number;
  recordParticipantsOnConnect: boolean;
  rules: RecordingRule[];
  rulesUpdated: number;
  created: number;
  updated: number;
  endTime: number | null;
  sequence: number;
  everJoined: boolean;
}

/** What the signalling layer must do when the engine changes a room. */
export interface VideoRoomListener {
  onParticipantRemoved(roomSid: string, participantSid: string, code: number, message: string): void;
  onRoomEnded(roomSid: string): void;
  onRecordingChanged(roomSid: string, isRecording: boolean): void;
}

export class VideoEngine {
  readonly rooms = new Map<string, VideoRoom>();
  readonly participants = new Map<string, VideoParticipant>();
  readonly recordings = new Map<string, VideoRecording>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly queues = new Map<string, Promise<unknown>>();
  listener: VideoRoomListener | null = null;

  constructor(private readonly ctx: SandboxContext) {}

  reset(): void {
    for (const t of this.timers.values()) this.ctx.clock.clearTimeout(t);
    this.timers.clear();
    this.rooms.clear();
    this.participants.clear();
    this.recordings.clear();
  }

  createRoom(options: Partial<Pick<VideoRoom, "uniqueName" | "type" | "statusCallback" | "statusCallbackMethod" | "maxParticipants" | "emptyRoomTimeout" | "unusedRoomTimeout" | "recordParticipantsOnConnect">>): VideoRoom {
    const sid = this.ctx.sids.next("RM");
    const uniqueName = options.uniqueName ?? sid;
    if (this.liveRoomByName(uniqueName)) throw new SandboxError(400, 53113, "Room exists");
    const now = this.ctx.clock.now();
    const type = options.type ?? "group";
    const room: VideoRoom = {
      sid, uniqueName, type, status: "in-progress",
      statusCallback: options.statusCallback ?? null, statusCallbackMethod: options.statusCallbackMethod ?? "POST",
      maxParticipants: options.maxParticipants ?? (type === "peer-to-peer" || type === "go" ? 10 : 50),
      emptyRoomTimeout: options.emptyRoomTimeout ?? 5, unusedRoomTimeout: options.unusedRoomTimeout ?? 5,
      recordParticipantsOnConnect: options.recordParticipantsOnConnect ?? false,
      rules: options.recordParticipantsOnConnect ? [{ type: "include", all: true }] : [{ type: "exclude", all: true }],
      rulesUpdated: now, created: now, updated: now, endTime: null, sequence: 0, everJoined: false,
    };
    this.rooms.set(sid, room);
    this.armTimeout(room, room.unusedRoomTimeout);
    this.callback(room, "room-created", {});
    this.ctx.emit("video.room.updated", this.roomView(room));
    return room;
  }

  getRoom(sidOrName: string): VideoRoom | undefined {
    return this.rooms.get(sidOrName) ?? this.liveRoomByName(sidOrName) ?? [...this.rooms.values()].reverse().find((r) => r.uniqueName === sidOrName);
  }

  liveRoomByName(name: string): VideoRoom | undefined {
    return [...this.rooms.values()].find((r) => r.uniqueName === name && r.status === "in-progress");
  }

  isRecording(room: VideoRoom): boolean {
    // Rules apply in order; the last matching `all` rule wins (the app only uses all-tracks rules).
    let recording = false;
    for (const rule of room.rules) if (rule.all) recording = rule.type === "include";
    return recording;
  }

  connectedParticipants(roomSid: string): VideoParticipant[] {
    return [...this.participants.values()].filter((p) => p.roomSid === roomSid && p.status === "connected");
  }

  addParticipant(room: VideoRoom, identity: string): VideoParticipant {
    if (room.status !== "in-progress") throw new SandboxError(400, 53118, "Room completed");
    if (this.connectedParticipants(room.sid).length >= room.maxParticipants) throw new SandboxError(400, 53105, "Room contains too many Participants");
    const participant: VideoParticipant = { sid: this.ctx.sids.next("PA"), roomSid: room.sid, identity, status: "connected", startTime: this.ctx.clock.now(), endTime: null };
    this.participants.set(participant.sid, participant);
    room.everJoined = true;
    this.disarmTimeout(room);
    this.callback(room, "participant-connected", this.participantParams(participant));
    this.ctx.emit("video.room.updated", this.roomView(room));
    return participant;
  }

  /** The participant left (or was removed); the room closes after its empty-room timeout. */
  removeParticipant(participantSid: string): VideoParticipant | undefined {
    const participant = this.participants.get(participantSid);
    if (!participant || participant.status === "disconnected") return participant;
    participant.status = "disconnected";
    participant.endTime = this.ctx.clock.now();
    const room = this.rooms.get(participant.roomSid);
    if (!room) return participant;
    this.callback(room, "participant-disconnected", this.participantParams(participant));
    if (room.status === "in-progress" && this.connectedParticipants(room.sid).length === 0) this.armTimeout(room, room.emptyRoomTimeout);
    this.ctx.emit("video.room.updated", this.roomView(room));
    return participant;
  }

  /** REST: Participants/{sid} Status=disconnected. */
  kick(participantSid: string): void {
    const participant = this.participants.get(participantSid);
    if (!participant) return;
    this.listener?.onParticipantRemoved(participant.roomSid, participantSid, 53216, "Participant removed from the Room by the REST API");
    this.removeParticipant(participantSid);
  }

  endRoom(room: VideoRoom, status: "completed" | "failed" = "completed"): void {
    if (room.status !== "in-progress") return;
    this.disarmTimeout(room);
    // Everyone is disconnected first (their participant-disconnected callbacks precede room-ended).
    this.listener?.onRoomEnded(room.sid);
    for (const p of this.connectedParticipants(room.sid)) this.removeParticipant(p.sid);
    room.status = status;
    room.endTime = this.ctx.clock.now();
    room.updated = room.endTime;
    this.callback(room, "room-ended", { RoomDuration: String(this.duration(room.created, room.endTime)) });
    this.ctx.emit("video.room.updated", this.roomView(room));
  }

  setRules(room: VideoRoom, rules: RecordingRule[]): void {
    const was = this.isRecording(room);
    room.rules = rules;
    room.rulesUpdated = this.ctx.clock.now();
    const now = this.isRecording(room);
    if (was !== now) this.listener?.onRecordingChanged(room.sid, now);
  }

  startRecording(room: VideoRoom, participantSid: string): VideoRecording {
    const recording: VideoRecording = {
      sid: this.ctx.sids.next("RT"), roomSid: room.sid, participantSid, trackName: "camera+microphone", type: "video",
      status: "processing", startTime: this.ctx.clock.now(), duration: null, size: null, media: null,
      mediaKey: this.ctx.sids.next("ME").slice(2),
    };
    this.recordings.set(recording.sid, recording);
    this.callback(room, "recording-started", this.recordingParams(recording));
    return recording;
  }

  finishRecording(recordingSid: string, media: Buffer | null): void {
    const recording = this.recordings.get(recordingSid);
    const room = recording && this.rooms.get(recording.roomSid);
    if (!recording || !room || recording.status !== "processing") return;
    recording.duration = this.duration(recording.startTime, this.ctx.clock.now());
    if (media && media.length > 0) {
      recording.status = "completed";
      recording.media = media;
      recording.size = media.length;
      this.callback(room, "recording-completed", this.recordingParams(recording));
    } else {
      recording.status = "failed";
      this.ctx.debugger.report({ level: "error", code: 53000, message: "Recording received no media", resourceSid: recording.sid });
      this.callback(room, "recording-failed", this.recordingParams(recording));
    }
  }

  duration(from: number, to: number): number {
    return Math.max(0, Math.round((to - from) / 1000));
  }

  roomView(room: VideoRoom) {
    return {
      sid: room.sid, uniqueName: room.uniqueName, status: room.status, isRecording: this.isRecording(room),
      participants: [...this.participants.values()].filter((p) => p.roomSid === room.sid).map((p) => ({ sid: p.sid, identity: p.identity, status: p.status })),
    };
  }

  private participantParams(p: VideoParticipant): Record<string, string> {
    return {
      ParticipantSid: p.sid, ParticipantIdentity: p.identity, ParticipantStatus: p.status,
      ...(p.endTime !== null ? { ParticipantDuration: String(this.duration(p.startTime, p.endTime)) } : {}),
    };
  }

  private recordingParams(r: VideoRecording): Record<string, string> {
    return {
      RecordingSid: r.sid, ParticipantSid: r.participantSid, SourceSid: r.participantSid, TrackName: r.trackName, Type: r.type,
      Container: "webm", Codec: "VP8+Opus",
      RecordingUri: `/v1/Recordings/${r.sid}`, MediaUri: `/v1/Recordings/${r.sid}/Media`,
      ...(r.duration !== null ? { Duration: String(r.duration) } : {}), ...(r.size !== null ? { Size: String(r.size) } : {}),
    };
  }

  private armTimeout(room: VideoRoom, minutes: number): void {
    this.disarmTimeout(room);
    this.timers.set(room.sid, this.ctx.clock.setTimeout(() => {
      this.timers.delete(room.sid);
      if (room.status === "in-progress" && this.connectedParticipants(room.sid).length === 0) this.endRoom(room);
    }, minutes * 60_000));
  }

  private disarmTimeout(room: VideoRoom): void {
    const timer = this.timers.get(room.sid);
    if (timer) this.ctx.clock.clearTimeout(timer);
    this.timers.delete(room.sid);
  }

  /** Status callbacks go out one at a time per room, in the order they happened. */
  private callback(room: VideoRoom, event: string, extra: Record<string, string>): void {
    if (!room.statusCallback) return;
    const params: Record<string, string> = {
      AccountSid: this.ctx.account.accountSid, RoomSid: room.sid, RoomName: room.uniqueName, RoomStatus: room.status,
      RoomType: room.type, StatusCallbackEvent: event, SequenceNumber: String(room.sequence++),
      Timestamp: new Date(this.ctx.clock.now()).toISOString(), ...extra,
    };
    const url = room.statusCallback;
    const method = room.statusCallbackMethod;
    const previous = this.queues.get(room.sid) ?? Promise.resolve();
    const next = previous.then(() => this.ctx.webhooks.send({ kind: "video-status", url, method, params, resourceSid: room.sid })).catch(() => undefined);
    this.queues.set(room.sid, next);
  }
}
