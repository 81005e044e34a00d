/**
 * The sandbox's stand-in for `twilio-video`'s `connect()` (docs/SANDBOX.md, SUPPORT.md): a Room
 * with the SDK's properties, methods and events — localParticipant, participants,
 * dominantSpeaker, isRecording; participantConnected/-Disconnected, trackSubscribed/
 * -Unsubscribed, trackEnabled/-Disabled, trackMessage, dominantSpeakerChanged,
 * networkQualityLevelChanged, recordingStarted/-Stopped, disconnected(room, error) — over
 * peer-to-peer WebRTC, with the sandbox (`ws /video/signal`) owning the room.
 * No app imports: this file runs in the browser.
 */
import { Emitter } from "./emitter";
import { LocalDataTrack, LocalTrackPublication, randomSid, type LocalMediaTrackLike, type LocalTrackLike } from "./local";
import { linkStats, PeerLink, qualityLevel, type LinkSignal } from "./peer-link";
import { RemoteParticipant } from "./remote";
import type { ParticipantInfo, TrackInfo, VideoClientMessage, VideoServerMessage } from "./video-protocol";

export { LocalDataTrack };

export interface SandboxConnectOptions {
  /** The sandbox base URL from the token endpoint's answer (`sandbox.baseUrl`). */
  sandboxUrl: string;
  name?: string;
  tracks?: LocalTrackLike[];
  dominantSpeaker?: boolean;
  networkQuality?: boolean | object;
  rtcConfiguration?: RTCConfiguration;
}

/** Shaped like twilio-video's TwilioError. */
export class SandboxVideoError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = "TwilioError";
  }
}

const STATS_INTERVAL_MS = 1_000;
const SPEAKING_LEVEL = 0.02;

export class LocalParticipant extends Emitter {
  state: "connected" | "disconnected" = "connected";
  networkQualityLevel: number | null = null;
  networkQualityStats = null;
  readonly tracks = new Map<string, LocalTrackPublication>();
  readonly audioTracks = new Map<string, LocalTrackPublication>();
  readonly videoTracks = new Map<string, LocalTrackPublication>();
  readonly dataTracks = new Map<string, LocalTrackPublication>();
  private readonly trackListeners = new Map<string, () => void>();

  constructor(readonly sid: string, readonly identity: string, private readonly room: Room) {
    super();
  }

  async publishTrack(track: LocalTrackLike): Promise<LocalTrackPublication> {
    const existing = [...this.tracks.values()].find((p) => p.track === track);
    if (existing) return existing;
    const publication = new LocalTrackPublication(randomSid("MT"), track, (p) => this.unpublishPublication(p));
    this.tracks.set(publication.trackSid, publication);
    this.mapFor(track.kind).set(publication.trackSid, publication);
    if (track instanceof LocalDataTrack) {
      track.sender = (data) => this.room.send({ type: "data", trackSid: publication.trackSid, data });
    } else {
      const onChange = () => {
        this.room.announceTracks();
        this.emit(track.isEnabled ? "trackEnabled" : "trackDisabled", track);
      };
      track.on("enabled", onChange);
      track.on("disabled", onChange);
      this.trackListeners.set(publication.trackSid, () => {
        track.off("enabled", onChange);
        track.off("disabled", onChange);
      });
      this.room.addLocalMedia(publication);
    }
    this.room.announceTracks();
    this.emit("trackPublished", publication);
    return publication;
  }

  async publishTracks(tracks: LocalTrackLike[]): Promise<LocalTrackPublication[]> {
    return Promise.all(tracks.map((t) => this.publishTrack(t)));
  }

  unpublishTrack(track: LocalTrackLike | MediaStreamTrack): LocalTrackPublication | null {
    const publication = [...this.tracks.values()].find((p) => p.track === track || (p.track.kind !== "data" && (p.track as LocalMediaTrackLike).mediaStreamTrack === track));
    if (!publication) return null;
    this.unpublishPublication(publication);
    return publication;
  }

  unpublishTracks(tracks: LocalTrackLike[]): LocalTrackPublication[] {
    return tracks.map((t) => this.unpublishTrack(t)).filter((p): p is LocalTrackPublication => p !== null);
  }

  setNetworkQualityConfiguration(): this {
    return this;
  }

  trackInfos(): TrackInfo[] {
    return [...this.tracks.values()].map((p) => ({
      sid: p.trackSid, name: p.trackName, kind: p.track.kind, enabled: p.track.isEnabled, ...(p.stream ? { streamId: p.stream.id } : {}),
    }));
  }

  setNetworkQuality(level: number | null): void {
    if (level === null || level === this.networkQualityLevel) return;
    this.networkQualityLevel = level;
    this.room.send({ type: "network", level });
    this.emit("networkQualityLevelChanged", level, null);
  }

  private unpublishPublication(publication: LocalTrackPublication): void {
    if (!this.tracks.delete(publication.trackSid)) return;
    this.mapFor(publication.track.kind).delete(publication.trackSid);
    this.trackListeners.get(publication.trackSid)?.();
    this.trackListeners.delete(publication.trackSid);
    if (publication.track instanceof LocalDataTrack) publication.track.sender = null;
    else this.room.removeLocalMedia(publication);
    this.room.announceTracks();
  }

  private mapFor(kind: string): Map<string, LocalTrackPublication> {
    return kind === "audio" ? this.audioTracks : kind === "video" ? this.videoTracks : this.dataTracks;
  }
}

export class Room extends Emitter {
  state: "connected" | "disconnected" = "connected";
  readonly participants = new Map<string, RemoteParticipant>();
  dominantSpeaker: RemoteParticipant | null = null;
  isRecording: boolean;
  readonly mediaRegion = "sandbox";
  readonly localParticipant: LocalParticipant;
  readonly sid: string;
  readonly name: string;
  private readonly links = new Map<string, PeerLink>();
  private recorder: RTCPeerConnection | null = null;
  private readonly statsTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly socket: WebSocket,
    connected: Extract<VideoServerMessage, { type: "connected" }>,
    private readonly options: SandboxConnectOptions,
  ) {
    super();
    this.sid = connected.room.sid;
    this.name = connected.room.name;
    this.isRecording = connected.room.isRecording;
    this.localParticipant = new LocalParticipant(connected.participant.sid, connected.participant.identity, this);
    for (const info of connected.participants) this.addParticipant(info, false);
    socket.onmessage = (event) => this.onMessage(JSON.parse(String(event.data)) as VideoServerMessage);
    socket.onclose = () => this.finish(new SandboxVideoError(53001, "Signaling connection disconnected"));
    this.statsTimer = setInterval(() => void this.sampleStats(), STATS_INTERVAL_MS);
  }

  disconnect(): this {
    if (this.state === "disconnected") return this;
    this.send({ type: "disconnect" });
    this.finish(null);
    return this;
  }

  /** A subset of twilio-video's StatsReport[]: one report per peer connection. */
  async getStats() {
    return Promise.all([...this.links.values()].map(async (link) => {
      const stats = await linkStats(link.pc);
      return { peerConnectionId: link.remoteSid, remoteAudioTrackStats: stats.audio, remoteVideoTrackStats: stats.video };
    }));
  }

  refreshInactiveMedia(): void {}

  // ── used by LocalParticipant ──

  send(message: VideoClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  announceTracks(): void {
    this.send({ type: "tracks", tracks: this.localParticipant.trackInfos() });
  }

  addLocalMedia(publication: LocalTrackPublication): void {
    const track = publication.track as LocalMediaTrackLike;
    for (const link of this.links.values()) link.addTrack(publication.trackSid, track.mediaStreamTrack, publication.stream!);
    if (this.recorder && publication.trackName !== "screen") void this.recorderTrack(track.kind, track.mediaStreamTrack);
  }

  removeLocalMedia(publication: LocalTrackPublication): void {
    for (const link of this.links.values()) link.removeTrack(publication.trackSid);
  }

  // ── signalling ──

  private onMessage(message: VideoServerMessage): void {
    switch (message.type) {
      case "participant-connected": {
        const participant = this.addParticipant(message.participant, true);
        this.emit("participantConnected", participant);
        return;
      }
      case "participant-disconnected":
        return this.removeParticipant(message.sid);
      case "tracks":
        this.participants.get(message.participantSid)?.updateTracks(message.tracks);
        return;
      case "signal": {
        const link = this.links.get(message.from);
        void link?.handle(message.data as LinkSignal).catch(() => undefined);
        return;
      }
      case "data":
        this.participants.get(message.from)?.receiveData(message.trackSid, message.data);
        return;
      case "network":
        this.participants.get(message.participantSid)?.setNetworkQuality(message.level);
        return;
      case "recording":
        if (message.isRecording === this.isRecording) return;
        this.isRecording = message.isRecording;
        if (message.isRecording) void this.startRecorder();
        else this.stopRecorder();
        this.emit(message.isRecording ? "recordingStarted" : "recordingStopped");
        return;
      case "recorder-answer":
        void this.recorder?.setRemoteDescription({ type: "answer", sdp: message.sdp }).catch(() => undefined);
        return;
      case "disconnected":
        return this.finish(new SandboxVideoError(message.code, message.message));
      default:
        return;
    }
  }

  private addParticipant(info: ParticipantInfo, joinedNow: boolean): RemoteParticipant {
    const participant = new RemoteParticipant(info.sid, info.identity);
    this.participants.set(info.sid, participant);
    participant.updateTracks(info.tracks);
    // Forward participant events as the Room does in twilio-video.
    const forward = (event: string, roomEvent: string) => participant.on(event, (...args: never[]) => this.emit(roomEvent, ...args, participant));
    forward("trackSubscribed", "trackSubscribed");
    forward("trackUnsubscribed", "trackUnsubscribed");
    forward("trackPublished", "trackPublished");
    forward("trackUnpublished", "trackUnpublished");
    forward("trackEnabled", "trackEnabled");
    forward("trackDisabled", "trackDisabled");
    forward("trackMessage", "trackMessage");
    const link = new PeerLink(
      info.sid,
      this.localParticipant.sid > info.sid,
      (data) => this.send({ type: "signal", to: info.sid, data }),
      (streamId, track) => participant.addMedia(streamId, track),
      this.options.rtcConfiguration ?? {},
    );
    this.links.set(info.sid, link);
    for (const publication of this.localParticipant.tracks.values()) {
      if (publication.stream) link.addTrack(publication.trackSid, (publication.track as LocalMediaTrackLike).mediaStreamTrack, publication.stream);
    }
    void joinedNow;
    return participant;
  }

  private removeParticipant(sid: string): void {
    const participant = this.participants.get(sid);
    if (!participant) return;
    this.links.get(sid)?.close();
    this.links.delete(sid);
    this.participants.delete(sid);
    participant.disconnect();
    if (this.dominantSpeaker === participant) {
      this.dominantSpeaker = null;
      this.emit("dominantSpeakerChanged", null);
    }
    this.emit("participantDisconnected", participant);
  }

  private async sampleStats(): Promise<void> {
    if (this.state !== "connected") return;
    let loudest: { participant: RemoteParticipant; level: number } | null = null;
    let worst: number | null = null;
    for (const [sid, link] of this.links) {
      const stats = await linkStats(link.pc).catch(() => null);
      const participant = this.participants.get(sid);
      if (!stats || !participant) continue;
      const level = qualityLevel(stats.rtt, stats.fractionLost);
      if (level !== null) worst = worst === null ? level : Math.min(worst, level);
      if (stats.audioLevel > SPEAKING_LEVEL && (!loudest || stats.audioLevel > loudest.level)) loudest = { participant, level: stats.audioLevel };
    }
    if (this.options.networkQuality) this.localParticipant.setNetworkQuality(worst);
    // Like Twilio, the dominant speaker stays until someone else speaks louder.
    if (this.options.dominantSpeaker && loudest && loudest.participant !== this.dominantSpeaker) {
      this.dominantSpeaker = loudest.participant;
      this.emit("dominantSpeakerChanged", loudest.participant);
    }
  }

  // ── recording: the camera and microphone go to the sandbox too while the room records ──

  /** Also called once connected when the room is already recording. */
  async startRecorder(): Promise<void> {
    if (this.recorder) return;
    const pc = new RTCPeerConnection(this.options.rtcConfiguration ?? {});
    this.recorder = pc;
    for (const kind of ["audio", "video"] as const) {
      const publication = [...this.localParticipant.tracks.values()].find((p) => p.track.kind === kind && p.trackName !== "screen");
      pc.addTransceiver(publication ? (publication.track as LocalMediaTrackLike).mediaStreamTrack : kind, { direction: "sendonly" });
    }
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === "complete") return resolve();
      const timer = setTimeout(resolve, 3_000);
      pc.addEventListener("icegatheringstatechange", () => {
        if (pc.iceGatheringState === "complete") { clearTimeout(timer); resolve(); }
      });
    });
    if (this.recorder === pc && pc.localDescription) this.send({ type: "recorder-offer", sdp: pc.localDescription.sdp });
  }

  private async recorderTrack(kind: "audio" | "video", track: MediaStreamTrack): Promise<void> {
    const transceiver = this.recorder?.getTransceivers().find((t) => t.sender.track?.kind === kind || t.receiver.track.kind === kind);
    await transceiver?.sender.replaceTrack(track).catch(() => undefined);
  }

  private stopRecorder(): void {
    this.recorder?.close();
    this.recorder = null;
  }

  private finish(error: SandboxVideoError | null): void {
    if (this.state === "disconnected") return;
    this.state = "disconnected";
    clearInterval(this.statsTimer);
    this.stopRecorder();
    for (const link of this.links.values()) link.close();
    this.links.clear();
    for (const participant of this.participants.values()) participant.disconnect();
    this.localParticipant.state = "disconnected";
    this.socket.onclose = null;
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
    this.emit("disconnected", this, error);
  }
}

/** `connect(token, options)` against the sandbox: resolves with a Room or rejects with a TwilioError-shaped error. */
export function connect(token: string, options: SandboxConnectOptions): Promise<Room> {
  const url = `${options.sandboxUrl.replace(/^http/, "ws").replace(/\/+$/, "")}/video/signal`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.onopen = () => socket.send(JSON.stringify({ type: "connect", token, ...(options.name ? { name: options.name } : {}) } satisfies VideoClientMessage));
    socket.onerror = () => reject(new SandboxVideoError(53000, "Signaling connection error"));
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as VideoServerMessage;
      if (message.type === "disconnected") {
        reject(new SandboxVideoError(message.code, message.message));
        socket.close();
        return;
      }
      if (message.type !== "connected") return;
      const room = new Room(socket, message, options);
      void room.localParticipant.publishTracks(options.tracks ?? []).then(() => {
        if (room.isRecording) void room.startRecorder();
        resolve(room);
      }, reject);
    };
  });
}
