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

export class FakeDevice extends EventEmitter {
  state = "unregistered";
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
