/**
 * The sandbox console's browser "customer phone": a caller with a real microphone and speaker,
 * talking to the sandbox over `ws /phone/signal` (phone-protocol.ts). Plain browser TypeScript,
 * no app imports, so the console page (and the media tests) use it as is:
 *
 * ```ts
 * const phone = new CustomerPhone({ sandboxUrl: "http://127.0.0.1:3100", number: "+12025550111" });
 * phone.on("ring", ({ callSid, from }) => phone.answer(callSid));
 * phone.on("caption", ({ text }) => show(text));
 * await phone.connect();
 * const call = await phone.dial("+12025550100");
 * phone.sendDigits("1");
 * phone.say("I need help with my bill");
 * ```
 *
 * One call at a time, like a handset; rings for other calls still arrive (call waiting).
 */
import type { PhoneEvent, PhoneReply, PhoneRequest } from "./phone-protocol";
import { PHONE_SIGNAL_PATH } from "./phone-protocol";

export interface CustomerPhoneOptions {
  sandboxUrl: string;
  /** This phone's number (E.164): the caller ID it dials from and the number it rings for. */
  number: string;
  /** Where the other side's audio plays (default: a detached autoplaying <audio>). */
  audioElement?: HTMLAudioElement;
  /** Microphone constraints (tests pass Chrome's fake device through the default). */
  audio?: MediaTrackConstraints | boolean;
}

export interface PhoneCallInfo {
  callSid: string;
  direction: "outbound" | "inbound";
  /** The other party's number. */
  peer: string;
  status: string;
}

type EventMap = {
  ready: { number: string };
  ring: { callSid: string; from: string; to: string };
  "ring-canceled": { callSid: string };
  call: PhoneCallInfo;
  status: { callSid: string; status: string };
  hangup: { callSid: string };
  caption: { callSid: string; text: string };
  disconnected: { willReconnect: boolean };
  error: { code: string; message: string };
};

type Listener<K extends keyof EventMap> = (event: EventMap[K]) => void;

export class PhoneError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PhoneError";
  }
}

const ICE_GATHER_TIMEOUT_MS = 3_000;
const MAX_BACKOFF_MS = 10_000;

export class CustomerPhone {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (reply: PhoneReply) => void; reject: (error: Error) => void }
  >();
  private readonly listeners = new Map<keyof EventMap, Set<(event: never) => void>>();
  private pc: RTCPeerConnection | null = null;
  private microphone: MediaStream | null = null;
  private readonly audioElement: HTMLAudioElement;
  private call: PhoneCallInfo | null = null;
  private wanted = false;
  private backoff = 250;
  private muted = false;

  constructor(private readonly options: CustomerPhoneOptions) {
    this.audioElement =
      options.audioElement ?? Object.assign(document.createElement("audio"), { autoplay: true });
  }

  get number(): string {
    return this.options.number;
  }

  get currentCall(): PhoneCallInfo | null {
    return this.call ? { ...this.call } : null;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  on<K extends keyof EventMap>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  /** Opens the line and announces this phone's number; reconnects by itself until `disconnect`. */
  async connect(): Promise<void> {
    this.wanted = true;
    await this.open();
  }

  disconnect(): void {
    this.wanted = false;
    this.endMedia();
    this.call = null;
    this.socket?.close(1000, "phone disconnected");
    this.socket = null;
  }

  async dial(to: string): Promise<PhoneCallInfo> {
    if (this.call) throw new PhoneError("busy", "Hang up the current call first.");
    const sdp = await this.startMedia();
    let reply: PhoneReply;
    try {
      reply = await this.request({ type: "dial", to, sdp });
    } catch (error) {
      this.endMedia();
      throw error;
    }
    await this.pc?.setRemoteDescription({ type: "answer", sdp: reply.sdp! });
    this.call = { callSid: reply.callSid!, direction: "outbound", peer: to, status: "queued" };
    this.emit("call", { ...this.call });
    return { ...this.call };
  }

  async answer(callSid: string, from = ""): Promise<PhoneCallInfo> {
    if (this.call) throw new PhoneError("busy", "Hang up the current call first.");
    const sdp = await this.startMedia();
    let reply: PhoneReply;
    try {
      reply = await this.request({ type: "answer", callSid, sdp });
    } catch (error) {
      this.endMedia();
      throw error;
    }
    await this.pc?.setRemoteDescription({ type: "answer", sdp: reply.sdp! });
    this.call = { callSid, direction: "inbound", peer: from, status: "in-progress" };
    this.emit("call", { ...this.call });
    return { ...this.call };
  }

  async reject(callSid: string): Promise<void> {
    await this.request({ type: "reject", callSid });
  }

  async hangup(): Promise<void> {
    const call = this.call;
    this.endMedia();
    this.call = null;
    if (call) {
      this.emit("hangup", { callSid: call.callSid });
      await this.request({ type: "hangup", callSid: call.callSid });
    }
  }

  async sendDigits(digits: string): Promise<void> {
    await this.request({ type: "digits", callSid: this.requireCall(), digits });
  }

  /** "Speaks" text to a speech `<Gather>` (what the caller would have said). */
  async say(text: string): Promise<void> {
    await this.request({ type: "speech", callSid: this.requireCall(), text });
  }

  /** Mutes the microphone locally (the far end hears silence). */
  mute(muted = true): void {
    this.muted = muted;
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** WebRTC statistics of the current call (inbound-rtp audio bytes, levels…), or null. */
  async getStats(): Promise<RTCStatsReport | null> {
    return this.pc ? this.pc.getStats() : null;
  }

  private requireCall(): string {
    if (!this.call) throw new PhoneError("no_call", "There is no call on this phone.");
    return this.call.callSid;
  }

  private async startMedia(): Promise<string> {
    this.endMedia();
    this.microphone = await navigator.mediaDevices.getUserMedia({
      audio: this.options.audio ?? true,
    });
    for (const track of this.microphone.getAudioTracks()) track.enabled = !this.muted;
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    for (const track of this.microphone.getAudioTracks()) pc.addTrack(track, this.microphone);
    pc.ontrack = (event) => {
      this.audioElement.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void this.audioElement.play().catch(() => undefined);
    };
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    return pc.localDescription!.sdp;
  }

  private endMedia(): void {
    this.pc?.close();
    this.pc = null;
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.microphone = null;
    this.audioElement.srcObject = null;
  }

  private open(): Promise<void> {
    const base = new URL(this.options.sandboxUrl);
    const url = `${base.protocol === "https:" ? "wss" : "ws"}://${base.host}${PHONE_SIGNAL_PATH}`;
    return new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(url);
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        this.request({ type: "hello", number: this.options.number }).then(
          () => {
            this.backoff = 250;
            this.emit("ready", { number: this.options.number });
            resolve();
          },
          (error: Error) => {
            this.wanted = false;
            socket.close();
            reject(error);
          },
        );
      };
      socket.onmessage = (message) => this.receive(String(message.data));
      socket.onclose = () => {
        if (this.socket !== socket) return;
        this.socket = null;
        for (const waiter of this.waiting.values())
          waiter.reject(new PhoneError("disconnected", "The sandbox connection closed."));
        this.waiting.clear();
        // The sandbox hangs up calls of a phone that went away.
        if (this.call) {
          const callSid = this.call.callSid;
          this.endMedia();
          this.call = null;
          this.emit("hangup", { callSid });
        }
        this.emit("disconnected", { willReconnect: this.wanted });
        if (!opened)
          reject(
            new PhoneError(
              "unreachable",
              `The sandbox at ${this.options.sandboxUrl} is not reachable.`,
            ),
          );
        if (this.wanted) {
          const delay = this.backoff;
          this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
          setTimeout(() => {
            if (this.wanted && !this.socket) this.open().catch(() => undefined);
          }, delay);
        }
      };
    });
  }

  private receive(text: string): void {
    let event: PhoneEvent;
    try {
      event = JSON.parse(text) as PhoneEvent;
    } catch {
      return;
    }
    switch (event.type) {
      case "reply": {
        const waiter = this.waiting.get(event.id);
        if (!waiter) return;
        this.waiting.delete(event.id);
        if (event.ok) waiter.resolve(event);
        else
          waiter.reject(
            new PhoneError(
              event.error?.code ?? "error",
              event.error?.message ?? "The sandbox refused the request.",
            ),
          );
        return;
      }
      case "ring":
        this.emit("ring", { callSid: event.callSid, from: event.from, to: event.to });
        return;
      case "ring-canceled":
        this.emit("ring-canceled", { callSid: event.callSid });
        return;
      case "status":
        if (this.call?.callSid === event.callSid) this.call.status = event.status;
        this.emit("status", { callSid: event.callSid, status: event.status });
        return;
      case "caption":
        this.emit("caption", { callSid: event.callSid, text: event.text });
        return;
      case "hangup":
        if (this.call?.callSid === event.callSid) {
          this.endMedia();
          this.call = null;
        }
        this.emit("hangup", { callSid: event.callSid });
        return;
    }
  }

  private request(body: DistributiveOmit<PhoneRequest, "id">): Promise<PhoneReply> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN)
      return Promise.reject(
        new PhoneError("disconnected", "The phone is not connected to the sandbox."),
      );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ ...body, id }));
    });
  }

  private emit<K extends keyof EventMap>(event: K, payload: EventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        console.error(error);
      }
    }
  }
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

function gatheringComplete(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener("icegatheringstatechange", check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === "complete") done();
    };
    // Host candidates come at once; a missing STUN server must not hold the call up.
    const timer = setTimeout(done, ICE_GATHER_TIMEOUT_MS);
    pc.addEventListener("icegatheringstatechange", check);
  });
}
