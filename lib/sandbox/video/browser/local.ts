/**
 * Local side of the adapter. Audio and video tracks are the real twilio-video LocalAudioTrack /
 * LocalVideoTrack objects (getUserMedia wrappers that need no Twilio connection); only data
 * tracks are the adapter's own, since the SDK's send over its own data channels.
 */
import { Emitter } from "./emitter";

/** What the adapter needs of a twilio-video LocalAudioTrack/LocalVideoTrack. */
export interface LocalMediaTrackLike {
  kind: "audio" | "video";
  name: string;
  mediaStreamTrack: MediaStreamTrack;
  isEnabled: boolean;
  // The SDK's overloads end in `(event: string, listener: (...args: any[]) => void)`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (...args: any[]) => void): unknown;
}

export function randomSid(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** twilio-video's LocalDataTrack surface: `send(data)`. */
export class LocalDataTrack extends Emitter {
  readonly kind = "data";
  readonly id = randomSid("");
  readonly name: string;
  readonly isEnabled = true;
  readonly maxPacketLifeTime = null;
  readonly maxRetransmits = null;
  readonly ordered = true;
  readonly reliable = true;
  /** Set while published. */
  sender: ((data: string) => void) | null = null;

  constructor(options: { name?: string } = {}) {
    super();
    this.name = options.name ?? this.id;
  }

  send(data: string | ArrayBuffer): void {
    this.sender?.(typeof data === "string" ? data : new TextDecoder().decode(data));
  }
}

export type LocalTrackLike = LocalMediaTrackLike | LocalDataTrack;

export class LocalTrackPublication extends Emitter {
  readonly isTrackEnabled: boolean;
  /** The stream the track is sent in, so receivers can tell which publication a track belongs to. */
  readonly stream: MediaStream | null;

  constructor(
    readonly trackSid: string,
    readonly track: LocalTrackLike,
    private readonly unpublishFn: (publication: LocalTrackPublication) => void,
  ) {
    super();
    this.isTrackEnabled = track.isEnabled;
    this.stream = track.kind === "data" ? null : new MediaStream([track.mediaStreamTrack]);
  }

  get trackName(): string { return this.track.name; }
  get kind(): string { return this.track.kind; }
  get priority(): string { return "standard"; }

  unpublish(): this {
    this.unpublishFn(this);
    return this;
  }
}
