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

/** The SDK's speaker / ringtone OutputDeviceCollection. */
export interface SoftphoneOutputDevices {
  get(): Set<MediaDeviceInfo>;
  set(deviceIdOrIds: string | string[]): Promise<void>;
}

/**
 * The SDK's AudioHelper (`device.audio`): device lists kept current from `enumerateDevices`,
 * `deviceChange` when they change (with the active devices that were lost), and the selections.
 */
export interface SoftphoneAudio extends Emitter {
  readonly availableInputDevices: Map<string, MediaDeviceInfo>;
  readonly availableOutputDevices: Map<string, MediaDeviceInfo>;
  readonly inputDevice: MediaDeviceInfo | null;
  /** False in browsers without `HTMLMediaElement.setSinkId` (Firefox before 116, Safari). */
  readonly isOutputSelectionSupported: boolean;
  readonly speakerDevices: SoftphoneOutputDevices;
  readonly ringtoneDevices: SoftphoneOutputDevices;
  setInputDevice(deviceId: string): Promise<void>;
  unsetInputDevice(): Promise<void>;
}

export interface SoftphoneDevice extends Emitter {
  readonly state: string;
  /** Null once destroyed. */
  readonly audio: SoftphoneAudio | null;
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
