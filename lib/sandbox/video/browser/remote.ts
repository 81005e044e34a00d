/**
 * Remote side of the adapter: RemoteParticipant, remote tracks and their publications, with the
 * property and event names of twilio-video 2.x (tsdef/Remote*.d.ts).
 */
import { Emitter } from "./emitter";
import type { TrackInfo } from "./video-protocol";

/** A remote audio or video track: attach()/detach() like the SDK's MediaTrack. */
export class RemoteMediaTrack extends Emitter {
  readonly attachedElements: HTMLMediaElement[] = [];
  isStarted = true;
  isSwitchedOff = false;

  constructor(
    readonly sid: string,
    readonly name: string,
    readonly kind: "audio" | "video",
    readonly mediaStreamTrack: MediaStreamTrack,
    public isEnabled: boolean,
  ) {
    super();
  }

  attach(element?: HTMLMediaElement | string): HTMLMediaElement {
    let el: HTMLMediaElement;
    if (typeof element === "string") el = document.querySelector(element) as HTMLMediaElement;
    else el = element ?? document.createElement(this.kind);
    el.autoplay = true;
    if (el instanceof HTMLVideoElement) el.playsInline = true;
    el.srcObject = new MediaStream([this.mediaStreamTrack]);
    void el.play().catch(() => undefined);
    if (!this.attachedElements.includes(el)) this.attachedElements.push(el);
    return el;
  }

  detach(element?: HTMLMediaElement): HTMLMediaElement[] {
    const targets = element ? [element] : [...this.attachedElements];
    for (const el of targets) {
      el.srcObject = null;
      const at = this.attachedElements.indexOf(el);
      if (at >= 0) this.attachedElements.splice(at, 1);
    }
    return targets;
  }

  setEnabled(enabled: boolean): void {
    if (this.isEnabled === enabled) return;
    this.isEnabled = enabled;
    this.emit(enabled ? "enabled" : "disabled", this);
  }
}

export class RemoteDataTrack extends Emitter {
  readonly kind = "data";
  isEnabled = true;
  isSwitchedOff = false;
  constructor(readonly sid: string, readonly name: string) {
    super();
  }
}

export type RemoteTrack = RemoteMediaTrack | RemoteDataTrack;

export class RemoteTrackPublication extends Emitter {
  track: RemoteTrack | null = null;
  constructor(public info: TrackInfo) {
    super();
  }
  get trackSid(): string { return this.info.sid; }
  get trackName(): string { return this.info.name; }
  get kind(): string { return this.info.kind; }
  get isSubscribed(): boolean { return this.track !== null; }
  get isTrackEnabled(): boolean { return this.info.enabled; }
  get publishPriority(): string { return "standard"; }
}

export class RemoteParticipant extends Emitter {
  state: "connected" | "disconnected" = "connected";
  networkQualityLevel: number | null = null;
  networkQualityStats = null;
  readonly tracks = new Map<string, RemoteTrackPublication>();
  readonly audioTracks = new Map<string, RemoteTrackPublication>();
  readonly videoTracks = new Map<string, RemoteTrackPublication>();
  readonly dataTracks = new Map<string, RemoteTrackPublication>();
  /** MediaStreamTracks that arrived before their publication was announced, by stream id. */
  private readonly pendingMedia = new Map<string, MediaStreamTrack>();

  constructor(readonly sid: string, readonly identity: string) {
    super();
  }

  /** The publisher's current track list (from signalling): publish, unpublish, enable, disable. */
  updateTracks(infos: TrackInfo[]): void {
    const seen = new Set(infos.map((t) => t.sid));
    for (const [sid, publication] of [...this.tracks]) {
      if (!seen.has(sid)) this.unpublish(publication);
    }
    for (const info of infos) {
      const existing = this.tracks.get(info.sid);
      if (!existing) {
        const publication = new RemoteTrackPublication(info);
        this.tracks.set(info.sid, publication);
        this.mapFor(info.kind).set(info.sid, publication);
        this.emit("trackPublished", publication);
        if (info.kind === "data") this.subscribe(publication, new RemoteDataTrack(info.sid, info.name));
        else if (info.streamId && this.pendingMedia.has(info.streamId)) {
          const media = this.pendingMedia.get(info.streamId)!;
          this.pendingMedia.delete(info.streamId);
          this.subscribe(publication, new RemoteMediaTrack(info.sid, info.name, info.kind, media, info.enabled));
        }
      } else if (existing.info.enabled !== info.enabled) {
        existing.info = info;
        if (existing.track instanceof RemoteMediaTrack) existing.track.setEnabled(info.enabled);
        existing.emit(info.enabled ? "trackEnabled" : "trackDisabled");
        this.emit(info.enabled ? "trackEnabled" : "trackDisabled", existing);
      }
    }
  }

  /** A MediaStreamTrack arrived over the peer connection, in the stream its publication names. */
  addMedia(streamId: string, media: MediaStreamTrack): void {
    const publication = [...this.tracks.values()].find((p) => p.info.streamId === streamId);
    if (!publication) {
      this.pendingMedia.set(streamId, media);
      return;
    }
    if (publication.track instanceof RemoteMediaTrack && publication.track.mediaStreamTrack.id === media.id) return;
    if (publication.track) this.unsubscribe(publication);
    this.subscribe(publication, new RemoteMediaTrack(publication.info.sid, publication.info.name, publication.info.kind as "audio" | "video", media, publication.info.enabled));
  }

  receiveData(trackSid: string, data: string): void {
    const track = this.tracks.get(trackSid)?.track;
    if (!(track instanceof RemoteDataTrack)) return;
    track.emit("message", data, track);
    this.emit("trackMessage", data, track);
  }

  setNetworkQuality(level: number): void {
    if (this.networkQualityLevel === level) return;
    this.networkQualityLevel = level;
    this.emit("networkQualityLevelChanged", level, null);
  }

  disconnect(): void {
    if (this.state === "disconnected") return;
    for (const publication of [...this.tracks.values()]) this.unpublish(publication);
    this.state = "disconnected";
    this.emit("disconnected", this);
  }

  private subscribe(publication: RemoteTrackPublication, track: RemoteTrack): void {
    publication.track = track;
    publication.emit("subscribed", track);
    this.emit("trackSubscribed", track, publication);
  }

  private unsubscribe(publication: RemoteTrackPublication): void {
    const track = publication.track;
    if (!track) return;
    if (track instanceof RemoteMediaTrack) track.detach();
    publication.track = null;
    publication.emit("unsubscribed", track);
    this.emit("trackUnsubscribed", track, publication);
  }

  private unpublish(publication: RemoteTrackPublication): void {
    this.unsubscribe(publication);
    this.tracks.delete(publication.trackSid);
    this.mapFor(publication.info.kind).delete(publication.trackSid);
    this.emit("trackUnpublished", publication);
  }

  private mapFor(kind: string): Map<string, RemoteTrackPublication> {
    return kind === "audio" ? this.audioTracks : kind === "video" ? this.videoTracks : this.dataTracks;
  }
}
