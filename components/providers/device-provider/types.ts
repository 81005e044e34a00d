/**
 * The parts of `@twilio/voice-sdk`'s Device and Call the console uses. The real SDK objects
 * satisfy these; unit tests pass EventEmitter fakes.
 */
export type Listener = (...args: never[]) => void;

export interface Emitter {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

export interface SoftphoneCall extends Emitter {
  readonly parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  accept(): void;
  reject(): void;
  ignore(): void;
  disconnect(): void;
  isMuted(): boolean;
  mute(shouldMute?: boolean): void;
  sendDigits(digits: string): void;
  status(): string;
}

export interface SoftphoneDevice extends Emitter {
  readonly state: string;
  register(): Promise<void>;
  updateToken(token: string): void;
  connect(options: { params: Record<string, string> }): Promise<SoftphoneCall>;
  destroy(): void;
}

export type DeviceStatus = "starting" | "registering" | "registered" | "unregistered" | "failed";

/** One call the softphone knows about, as a snapshot the UI renders from. */
export interface TrackedCall {
  /** Stable key: the CallSid once known, else a local id. */
  key: string;
  call: SoftphoneCall;
  direction: "inbound" | "outbound";
  /** ringing (inbound, not answered), connecting (outbound), open, reconnecting. */
  state: "ringing" | "connecting" | "open" | "reconnecting";
  from: string;
  to: string;
  muted: boolean;
  /** When audio started (accept), for the call timer. */
  connectedAt: number | null;
}
