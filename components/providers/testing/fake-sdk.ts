/** EventEmitter fakes of the Voice SDK Device/Call and the TaskRouter Worker/Reservation, for unit tests. */
import { EventEmitter } from "node:events";
import type { TokenAnswer } from "@/lib/client/fetch-token";

export function answer(token = "token-1"): TokenAnswer {
  return { token, identity: "alice", expiresAt: new Date(Date.now() + 3_600_000).toISOString(), mode: "sandbox", sandbox: { baseUrl: "http://127.0.0.1:3100" } };
}

/** Every event with a listener, so a test can assert none is left behind. */
export function listenerTotal(emitter: EventEmitter): number {
  return emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0);
}

export class FakeCall extends EventEmitter {
  muted = false;
  accepted = false;
  digits = "";
  constructor(readonly parameters: Record<string, string> = { CallSid: "CA" + "1".repeat(32), From: "+12025550111", To: "client:alice" }, readonly customParameters = new Map<string, string>()) {
    super();
  }
  accept() {
    this.accepted = true;
    this.emit("accept", this);
  }
  reject() {
    this.emit("reject");
  }
  ignore() {}
  disconnect() {
    this.emit("disconnect", this);
  }
  isMuted() {
    return this.muted;
  }
  mute(shouldMute = true) {
    this.muted = shouldMute;
    this.emit("mute", shouldMute, this);
  }
  sendDigits(digits: string) {
    this.digits += digits;
  }
  status() {
    return this.accepted ? "open" : "pending";
  }
}

/** A MediaDeviceInfo as the SDK lists it. */
export function mediaDevice(kind: "audioinput" | "audiooutput", deviceId: string, label: string): MediaDeviceInfo {
  return { deviceId, label, kind, groupId: `group-${deviceId}`, toJSON: () => ({}) } as MediaDeviceInfo;
}

/** The SDK's OutputDeviceCollection over the helper's output list. */
export class FakeOutputDevices {
  readonly active = new Set<MediaDeviceInfo>();
  readonly calls: string[][] = [];
  constructor(private readonly available: Map<string, MediaDeviceInfo>) {}
  get() {
    return this.active;
  }
  async set(ids: string | string[]) {
    const list = Array.isArray(ids) ? ids : [ids];
    this.calls.push(list);
    const missing = list.filter((id) => !this.available.has(id));
    if (missing.length) throw new Error(`Devices not found: ${missing.join(", ")}`);
    this.active.clear();
    for (const id of list) this.active.add(this.available.get(id)!);
  }
}

/**
 * The SDK's AudioHelper: device lists, the selections, and `deviceChange` (emitted by `plug` /
 * `unplug`, which like the SDK fall back to the default when an active device goes away).
 */
export class FakeAudioHelper extends EventEmitter {
  readonly availableInputDevices = new Map<string, MediaDeviceInfo>();
  readonly availableOutputDevices = new Map<string, MediaDeviceInfo>();
  readonly speakerDevices = new FakeOutputDevices(this.availableOutputDevices);
  readonly ringtoneDevices = new FakeOutputDevices(this.availableOutputDevices);
  inputDevice: MediaDeviceInfo | null = null;
  isOutputSelectionSupported = true;
  readonly inputCalls: string[] = [];
  constructor(devices: MediaDeviceInfo[] = [mediaDevice("audioinput", "default", "Default - Built-in Microphone"), mediaDevice("audioinput", "mic-usb", "USB Headset Microphone"), mediaDevice("audiooutput", "default", "Default - Built-in Speakers"), mediaDevice("audiooutput", "spk-usb", "USB Headset")]) {
    super();
    for (const d of devices) (d.kind === "audioinput" ? this.availableInputDevices : this.availableOutputDevices).set(d.deviceId, d);
  }
  async setInputDevice(deviceId: string) {
    this.inputCalls.push(deviceId);
    const device = this.availableInputDevices.get(deviceId);
    if (!device) throw new Error(`Device not found: ${deviceId}`);
    this.inputDevice = device;
  }
  async unsetInputDevice() {
    this.inputDevice = null;
  }
  plug(device: MediaDeviceInfo) {
    (device.kind === "audioinput" ? this.availableInputDevices : this.availableOutputDevices).set(device.deviceId, device);
    this.emit("deviceChange", []);
  }
  unplug(deviceId: string, kind: "audioinput" | "audiooutput") {
    const lost: MediaDeviceInfo[] = [];
    if (kind === "audioinput") {
      this.availableInputDevices.delete(deviceId);
      if (this.inputDevice?.deviceId === deviceId) {
        lost.push(this.inputDevice);
        this.inputDevice = this.availableInputDevices.get("default") ?? null;
      }
    } else {
      this.availableOutputDevices.delete(deviceId);
      for (const collection of [this.speakerDevices, this.ringtoneDevices]) {
        for (const d of collection.active) {
          if (d.deviceId !== deviceId) continue;
          collection.active.delete(d);
          lost.push(d);
          const fallback = this.availableOutputDevices.get("default");
          if (fallback) collection.active.add(fallback);
        }
      }
    }
    this.emit("deviceChange", lost);
  }
}

export class FakeDevice extends EventEmitter {
  state = "unregistered";
  audio: FakeAudioHelper | null = new FakeAudioHelper();
  tokens: string[];
  destroyed = false;
  constructor(token: string) {
    super();
    this.tokens = [token];
  }
  async register() {
    this.state = "registered";
    this.emit("registered");
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  async connect({ params }: { params: Record<string, string> }) {
    return new FakeCall({ To: params.To ?? "" }, new Map(Object.entries(params)));
  }
  destroy() {
    this.destroyed = true;
    this.state = "destroyed";
    this.audio = null;
  }
}

export class FakeActivity {
  constructor(
    readonly worker: FakeWorker,
    readonly sid: string,
    readonly name: string,
    readonly available = false,
  ) {}
  async setAsCurrent() {
    this.worker.activity = this;
    this.worker.emit("activityUpdated", this.worker);
    return this;
  }
}

export class FakeReservation extends EventEmitter {
  constructor(
    readonly sid: string,
    public status: string,
    readonly task: { sid: string; attributes: Record<string, unknown>; status: string; queueName?: string; age?: number },
  ) {
    super();
  }
  set(status: string, event: string) {
    this.status = status;
    this.emit(event, this);
  }
}

export class FakeWorker extends EventEmitter {
  readonly sid = "WK" + "0".repeat(32);
  readonly activities = new Map<string, FakeActivity>();
  readonly reservations = new Map<string, FakeReservation>();
  activity: FakeActivity;
  tokens: string[];
  disconnected = false;
  constructor(token: string) {
    super();
    this.tokens = [token];
    for (const [i, name] of ["Offline", "Available", "Break", "Busy", "Wrap-up"].entries()) {
      this.activities.set(`WA${i}`, new FakeActivity(this, `WA${i}`, name, name === "Available"));
    }
    this.activity = this.activities.get("WA0")!;
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  disconnect() {
    this.disconnected = true;
  }
}
