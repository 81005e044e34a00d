/**
 * A tiny stand-in for the voice engine, for the media layer's own tests (unit and browser): it
 * implements the browser-endpoint half of VoiceEngineApi and bridges two legs, the way the real
 * engine does after `<Dial>`:
 *
 * - a customer phone dialling the business number rings the agent's Device
 *   (`client:<agentIdentity>`, custom parameters `caller` and `queue`) and bridges on answer;
 * - a Device `connect({ params: { To } })` to a number with a customer phone rings that phone and
 *   bridges on answer; `To: "greeting"` plays a spoken greeting instead.
 *
 * It records what the media layer told it (digits, speech, hangups, client-call params) so tests
 * can assert on it. Nothing here is used by the real sandbox.
 */
import type {
  CallSnapshot,
  CallStatus,
  MediaApi,
  SidFactory,
  VoiceEngineApi,
} from "../../core/types";

export type EngineEvent =
  | {
      type: "client-call";
      callSid: string;
      identity: string;
      params: Record<string, string>;
      applicationSid?: string;
    }
  | { type: "phone-call"; callSid: string; from: string; to: string }
  | { type: "ring"; callSid: string; to: string; outcome: string }
  | { type: "digits"; callSid: string; digits: string }
  | { type: "speech"; callSid: string; text: string }
  | { type: "endpoint-hangup"; callSid: string; reason: string }
  | { type: "status"; callSid: string; status: CallStatus };

interface Leg {
  snapshot: CallSnapshot;
  peer: string | null;
}

export interface TestVoiceEngineOptions {
  media: () => MediaApi;
  sids: SidFactory;
  businessNumber: string;
  agentIdentity: string;
  /** Called on every status change (the harness forwards it as "call.updated"). */
  onStatus?: (snapshot: CallSnapshot) => void;
}

export class TestVoiceEngine implements VoiceEngineApi {
  readonly events: EngineEvent[] = [];
  private readonly legs = new Map<string, Leg>();

  constructor(private readonly options: TestVoiceEngineOptions) {}

  async startPhoneCall({ from, to }: { from: string; to: string }): Promise<CallSnapshot> {
    const leg = this.create(from, to, "inbound", null);
    this.events.push({ type: "phone-call", callSid: leg.snapshot.sid, from, to });
    if (to === this.options.businessNumber) {
      void this.dial(leg, `client:${this.options.agentIdentity}`, from, {
        caller: from,
        queue: "support",
      });
    } else {
      void this.greetAndHangUp(leg, "The number you have dialled is not in service.");
    }
    return { ...leg.snapshot };
  }

  async startClientCall({
    identity,
    params,
    applicationSid,
  }: {
    identity: string;
    params: Record<string, string>;
    applicationSid?: string;
  }): Promise<CallSnapshot> {
    const leg = this.create(`client:${identity}`, "", "inbound", null);
    this.events.push({
      type: "client-call",
      callSid: leg.snapshot.sid,
      identity,
      params,
      applicationSid,
    });
    const to = params.To ?? "";
    if (to === "greeting") void this.greet(leg, "Hello from the sandbox.");
    else void this.dial(leg, to, this.options.businessNumber, {});
    return { ...leg.snapshot };
  }

  sendDigits(callSid: string, digits: string): void {
    this.events.push({ type: "digits", callSid, digits });
  }

  sendSpeech(callSid: string, text: string): void {
    this.events.push({ type: "speech", callSid, text });
  }

  endpointHangup(callSid: string, reason: "hangup" | "rejected" | "busy" | "failed"): void {
    this.events.push({ type: "endpoint-hangup", callSid, reason });
    this.hangUp(callSid);
  }

  /** The network side ends a call (the other party hung up): both legs end. */
  hangUp(callSid: string): void {
    const leg = this.legs.get(callSid);
    if (!leg) return;
    for (const sid of [callSid, leg.peer]) {
      if (!sid) continue;
      const l = this.legs.get(sid);
      if (!l) continue;
      this.legs.delete(sid);
      this.setStatus(l, "completed");
      this.options.media().release(sid);
    }
  }

  getCall(callSid: string): CallSnapshot | undefined {
    const leg = this.legs.get(callSid);
    return leg ? { ...leg.snapshot } : undefined;
  }

  activeCalls(): CallSnapshot[] {
    return [...this.legs.values()].map((l) => ({ ...l.snapshot }));
  }

  createCall(): Promise<CallSnapshot> {
    return Promise.reject(new Error("not part of the media test engine"));
  }

  updateCall(): Promise<CallSnapshot> {
    return Promise.reject(new Error("not part of the media test engine"));
  }

  addConferenceParticipant(): Promise<{ callSid: string; conferenceSid: string }> {
    return Promise.reject(new Error("not part of the media test engine"));
  }

  moveCallToConference(): Promise<{ conferenceSid: string }> {
    return Promise.reject(new Error("not part of the media test engine"));
  }

  dequeueCall(): Promise<{ workerCallSid: string }> {
    return Promise.reject(new Error("not part of the media test engine"));
  }

  private async dial(
    parent: Leg,
    to: string,
    from: string,
    customParameters: Record<string, string>,
  ): Promise<void> {
    const media = this.options.media();
    const kind = media.endpointFor(to);
    if (kind !== "client" && kind !== "phone") {
      await this.greetAndHangUp(parent, "Nobody can take this call in the test engine.");
      return;
    }
    const child = this.create(from, to, "outbound-dial", parent.snapshot.sid);
    this.setStatus(child, "ringing");
    const outcome = await media.ring(to, {
      callSid: child.snapshot.sid,
      from,
      to,
      customParameters,
    });
    this.events.push({ type: "ring", callSid: child.snapshot.sid, to, outcome });
    if (!this.legs.has(parent.snapshot.sid)) {
      // The caller gave up while it rang.
      this.legs.delete(child.snapshot.sid);
      media.release(child.snapshot.sid);
      return;
    }
    if (outcome !== "answered") {
      this.legs.delete(child.snapshot.sid);
      this.setStatus(child, outcome === "rejected" ? "busy" : "no-answer");
      media.release(child.snapshot.sid);
      await this.greetAndHangUp(parent, "The party you called is not available.");
      return;
    }
    parent.peer = child.snapshot.sid;
    child.peer = parent.snapshot.sid;
    this.setStatus(parent, "in-progress");
    this.setStatus(child, "in-progress");
    media.setRouting([
      { callSid: parent.snapshot.sid, hears: [child.snapshot.sid], prompt: null },
      { callSid: child.snapshot.sid, hears: [parent.snapshot.sid], prompt: null },
    ]);
  }

  private async greet(leg: Leg, text: string): Promise<void> {
    this.setStatus(leg, "in-progress");
    await this.options.media().play(leg.snapshot.sid, { kind: "say", text, language: "en-US" });
  }

  private async greetAndHangUp(leg: Leg, text: string): Promise<void> {
    if (!this.legs.has(leg.snapshot.sid)) return;
    await this.greet(leg, text);
    this.hangUp(leg.snapshot.sid);
  }

  private create(
    from: string,
    to: string,
    direction: CallSnapshot["direction"],
    parentCallSid: string | null,
  ): Leg {
    const snapshot: CallSnapshot = {
      sid: this.options.sids.next("CA"),
      parentCallSid,
      from,
      to,
      status: "queued",
      direction,
      startTime: null,
      endTime: null,
    };
    const leg: Leg = { snapshot, peer: null };
    this.legs.set(snapshot.sid, leg);
    return leg;
  }

  private setStatus(leg: Leg, status: CallStatus): void {
    leg.snapshot.status = status;
    this.events.push({ type: "status", callSid: leg.snapshot.sid, status });
    this.options.onStatus?.({ ...leg.snapshot });
  }
}
