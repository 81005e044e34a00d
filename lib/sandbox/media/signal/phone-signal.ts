/**
 * `ws /phone/signal`: the sandbox console's browser customer phone (protocol in
 * browser/phone-protocol.ts). A phone says which number it is, then dials (→ the voice engine's
 * `startPhoneCall`), answers rings for its number, sends digits and "speech" text, and receives
 * captions and call status. Audio goes over one PCMU peer connection per call.
 *
 * No token: the sandbox is a local tool. Browsers do not apply CORS to WebSockets, so the
 * upgrade's Origin must be the sandbox itself or the app, or any page on the machine could
 * place calls through it.
 */
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { SandboxContext } from "../../core/types";
import type { MediaEngine, MediaLeg } from "../media-engine";
import {
  E164,
  type PhoneEvent,
  type PhoneReply,
  type PhoneRequest,
} from "../browser/phone-protocol";

const PING_MS = 15_000;
type RingOutcome = "answered" | "rejected" | "canceled" | "unavailable";

class PhoneSession {
  number: string | null = null;
  alive = true;
  closed = false;

  constructor(readonly socket: WebSocket) {}

  send(event: PhoneEvent): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(event));
  }
}

interface PhoneCall {
  callSid: string;
  session: PhoneSession;
  leg: MediaLeg;
  endedByPhone: boolean;
}

interface PhoneRing {
  callSid: string;
  sessions: Set<PhoneSession>;
  resolve: (outcome: RingOutcome) => void;
}

export type PhoneSignalContext = Pick<
  SandboxContext,
  "baseUrl" | "appUrl" | "debugger" | "log" | "events"
> & { readonly voice?: SandboxContext["voice"] };

export class PhoneSignalServer {
  private readonly sessions = new Set<PhoneSession>();
  private readonly calls = new Map<string, PhoneCall>();
  private readonly rings = new Map<string, PhoneRing>();
  private readonly onEvent = (event: { type?: string; data?: Record<string, unknown> }) =>
    this.forwardStatus(event);

  constructor(
    private readonly ctx: PhoneSignalContext,
    private readonly media: MediaEngine,
  ) {
    ctx.events.on("event", this.onEvent);
  }

  hasPhone(number: string): boolean {
    return this.sessionsFor(number).length > 0;
  }

  numbers(): string[] {
    return [
      ...new Set([...this.sessions].map((s) => s.number).filter((n): n is string => n !== null)),
    ];
  }

  owns(callSid: string): boolean {
    return this.calls.has(callSid) || this.rings.has(callSid);
  }

  ring(number: string, call: { callSid: string; from: string; to: string }): Promise<RingOutcome> {
    const sessions = this.sessionsFor(number);
    if (sessions.length === 0) return Promise.resolve("unavailable");
    return new Promise((resolve) => {
      this.rings.set(call.callSid, { callSid: call.callSid, sessions: new Set(sessions), resolve });
      for (const session of sessions)
        session.send({ type: "ring", callSid: call.callSid, from: call.from, to: call.to });
    });
  }

  cancelRing(callSid: string): void {
    const ring = this.rings.get(callSid);
    if (ring) this.finishRing(ring, "canceled");
  }

  caption(callSid: string, text: string): boolean {
    const call = this.calls.get(callSid);
    if (!call) return false;
    call.session.send({ type: "caption", callSid, text });
    return true;
  }

  release(callSid: string): boolean {
    this.cancelRing(callSid);
    const call = this.calls.get(callSid);
    if (!call) return false;
    this.calls.delete(callSid);
    if (!call.endedByPhone) call.session.send({ type: "hangup", callSid });
    this.media.closeLeg(call.leg);
    return true;
  }

  accept(socket: WebSocket, request: IncomingMessage): void {
    if (!this.originAllowed(request)) {
      this.ctx.log.warn("customer phone connection refused: origin not allowed", {
        origin: request.headers.origin,
      });
      socket.close(1008, "origin not allowed");
      return;
    }
    const session = new PhoneSession(socket);
    this.sessions.add(session);
    const ping = setInterval(() => {
      if (!session.alive) return socket.terminate();
      session.alive = false;
      socket.ping();
    }, PING_MS);
    ping.unref();
    socket.on("pong", () => (session.alive = true));
    socket.on("message", (data, isBinary) => {
      session.alive = true;
      if (isBinary) return;
      let request: PhoneRequest;
      try {
        request = JSON.parse(data.toString()) as PhoneRequest;
      } catch {
        return;
      }
      void this.handle(session, request).catch((error: Error) => {
        this.ctx.log.error("customer phone request failed", { error: error.message });
        this.reply(session, request, {
          ok: false,
          error: { code: "internal", message: error.message },
        });
      });
    });
    socket.on("close", () => {
      clearInterval(ping);
      this.onClose(session);
    });
    socket.on("error", () => undefined);
  }

  reset(): void {
    for (const ring of [...this.rings.values()]) this.finishRing(ring, "canceled");
    for (const callSid of [...this.calls.keys()]) this.release(callSid);
  }

  close(): void {
    this.reset();
    this.ctx.events.off("event", this.onEvent);
    for (const session of this.sessions) session.socket.close(1001, "sandbox shutting down");
  }

  private async handle(session: PhoneSession, request: PhoneRequest): Promise<void> {
    if (request.type === "hello") {
      if (typeof request.number !== "string" || !E164.test(request.number)) {
        return this.fail(
          session,
          request,
          "invalid_number",
          "The phone number must be in E.164 format, for example +12025550111.",
        );
      }
      session.number = request.number;
      return this.reply(session, request, { ok: true, number: request.number });
    }
    if (!session.number)
      return this.fail(
        session,
        request,
        "not_ready",
        "Say which number this phone is (hello) first.",
      );
    switch (request.type) {
      case "dial":
        return this.dial(session, request);
      case "answer":
        return this.answer(session, request);
      case "reject": {
        const ring = this.rings.get(request.callSid);
        if (ring?.sessions.has(session)) this.finishRing(ring, "rejected", session);
        return this.reply(session, request, { ok: true });
      }
      case "hangup":
        this.hangup(session, request.callSid);
        return this.reply(session, request, { ok: true });
      case "digits": {
        const call = this.ownCall(session, request.callSid);
        if (!call)
          return this.fail(session, request, "no_call", "There is no such call on this phone.");
        if (!/^[0-9*#A-D]+$/i.test(request.digits))
          return this.fail(session, request, "invalid_digits", "Digits can be 0-9, *, # and A-D.");
        this.ctx.voice?.sendDigits(call.callSid, request.digits.toUpperCase());
        return this.reply(session, request, { ok: true });
      }
      case "speech": {
        const call = this.ownCall(session, request.callSid);
        if (!call)
          return this.fail(session, request, "no_call", "There is no such call on this phone.");
        const text = String(request.text ?? "").trim();
        if (!text) return this.fail(session, request, "empty_speech", "Say something first.");
        this.ctx.voice?.sendSpeech(call.callSid, text);
        return this.reply(session, request, { ok: true });
      }
      default:
        return this.fail(session, request, "unknown_request", "Unknown request.");
    }
  }

  private async dial(
    session: PhoneSession,
    request: Extract<PhoneRequest, { type: "dial" }>,
  ): Promise<void> {
    const to = String(request.to ?? "").replace(/[\s().-]/g, "");
    if (!E164.test(to))
      return this.fail(
        session,
        request,
        "invalid_number",
        "Dial a number in E.164 format, for example +12025550100.",
      );
    const voice = this.ctx.voice;
    if (!voice)
      return this.fail(session, request, "no_voice_engine", "The sandbox has no voice engine.");
    let leg: MediaLeg;
    try {
      leg = await this.media.answerOffer(request.sdp);
    } catch (error) {
      return this.fail(
        session,
        request,
        "media_failed",
        `Audio could not be set up: ${(error as Error).message}`,
      );
    }
    const started = this.media.beginStart();
    let snapshot;
    try {
      snapshot = await voice.startPhoneCall({ from: session.number!, to });
    } catch (error) {
      started();
      this.media.closeLeg(leg);
      return this.fail(session, request, "call_failed", (error as Error).message);
    }
    const call: PhoneCall = { callSid: snapshot.sid, session, leg, endedByPhone: false };
    this.calls.set(snapshot.sid, call);
    this.media.bind(leg, snapshot.sid);
    started();
    this.watch(call);
    if (session.closed) {
      this.hangup(session, snapshot.sid);
      return;
    }
    this.reply(session, request, { ok: true, callSid: snapshot.sid, sdp: leg.localSdp });
  }

  private async answer(
    session: PhoneSession,
    request: Extract<PhoneRequest, { type: "answer" }>,
  ): Promise<void> {
    const ring = this.rings.get(request.callSid);
    if (!ring?.sessions.has(session))
      return this.fail(session, request, "not_ringing", "This call is no longer ringing.");
    let leg: MediaLeg;
    try {
      leg = await this.media.answerOffer(request.sdp);
    } catch (error) {
      return this.fail(
        session,
        request,
        "media_failed",
        `Audio could not be set up: ${(error as Error).message}`,
      );
    }
    if (this.rings.get(request.callSid) !== ring) {
      this.media.closeLeg(leg);
      return this.fail(session, request, "not_ringing", "The caller hung up.");
    }
    const call: PhoneCall = { callSid: request.callSid, session, leg, endedByPhone: false };
    this.calls.set(call.callSid, call);
    this.media.bind(leg, call.callSid);
    this.watch(call);
    this.reply(session, request, { ok: true, callSid: call.callSid, sdp: leg.localSdp });
    this.finishRing(ring, "answered", session);
  }

  private hangup(session: PhoneSession, callSid: string): void {
    const ring = this.rings.get(callSid);
    if (ring?.sessions.has(session)) {
      this.finishRing(ring, "rejected", session);
      return;
    }
    const call = this.ownCall(session, callSid);
    if (!call || call.endedByPhone) return;
    call.endedByPhone = true;
    this.media.closeLeg(call.leg);
    this.ctx.voice?.endpointHangup(callSid, "hangup");
  }

  private watch(call: PhoneCall): void {
    call.leg.onDigit = (digit) => {
      if (!call.endedByPhone) this.ctx.voice?.sendDigits(call.callSid, digit);
    };
  }

  private onClose(session: PhoneSession): void {
    session.closed = true;
    this.sessions.delete(session);
    for (const ring of [...this.rings.values()]) {
      if (!ring.sessions.delete(session)) continue;
      if (ring.sessions.size === 0) this.finishRing(ring, "unavailable");
    }
    // A closed phone is a hung-up phone.
    for (const call of [...this.calls.values()])
      if (call.session === session) this.hangup(session, call.callSid);
  }

  private finishRing(ring: PhoneRing, outcome: RingOutcome, by?: PhoneSession): void {
    if (this.rings.get(ring.callSid) !== ring) return;
    this.rings.delete(ring.callSid);
    for (const session of ring.sessions)
      if (session !== by) session.send({ type: "ring-canceled", callSid: ring.callSid });
    ring.resolve(outcome);
  }

  private forwardStatus(event: { type?: string; data?: Record<string, unknown> }): void {
    if (event?.type !== "call.updated" || !event.data) return;
    const callSid =
      typeof event.data.sid === "string"
        ? event.data.sid
        : typeof event.data.callSid === "string"
          ? event.data.callSid
          : null;
    const status = typeof event.data.status === "string" ? event.data.status : null;
    if (!callSid || !status) return;
    const call = this.calls.get(callSid);
    if (call) call.session.send({ type: "status", callSid, status });
  }

  private ownCall(session: PhoneSession, callSid: string): PhoneCall | undefined {
    const call = this.calls.get(callSid);
    return call?.session === session ? call : undefined;
  }

  private sessionsFor(number: string): PhoneSession[] {
    return [...this.sessions].filter((s) => s.number === number && !s.closed);
  }

  private reply(
    session: PhoneSession,
    request: PhoneRequest,
    reply: Omit<PhoneReply, "type" | "id">,
  ): void {
    session.send({ type: "reply", id: request.id, ...reply });
  }

  private fail(session: PhoneSession, request: PhoneRequest, code: string, message: string): void {
    this.reply(session, request, { ok: false, error: { code, message } });
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return true; // not a browser
    const allowed = [this.ctx.baseUrl, this.ctx.appUrl, `http://${request.headers.host ?? ""}`];
    const key = (url: string) => {
      try {
        const u = new URL(url);
        const host = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname)
          ? "loopback"
          : u.hostname;
        return `${u.protocol}//${host}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
      } catch {
        return null;
      }
    };
    const originKey = key(origin);
    return originKey !== null && allowed.some((url) => key(url) === originKey);
  }
}
