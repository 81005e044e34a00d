/**
 * `ws /voice/signal`: the Voice SDK's signalling protocol ("PStream" 1.6, as implemented by
 * `@twilio/voice-sdk` 2.18 in pstream.ts/device.ts/call.ts/rtc/peerconnection.ts), spoken by the
 * sandbox so the real `Device` works against it.
 *
 * Every frame is JSON `{ type, version, payload }`, except the heartbeat: a bare "\n" that either
 * side may send and the SDK echoes (it reconnects after 15 s without any message).
 *
 * Browser → sandbox: `listen` {token} (also token refresh), `register` {media:{audio}},
 * `invite` {callsid, sdp, twilio:{params}} (outgoing call) or {callsid, sdp, reconnect}
 * (signalling reconnect), `answer` {callsid, sdp}, `reject`, `hangup`, `cancel`, `dtmf`
 * {callsid, dtmf}, `reinvite` {callsid, sdp} (ICE restart), `message` (user-defined messages).
 *
 * Sandbox → browser: `connected` {region, edge, home, token:{identity, ttl}}, `ready`,
 * `offline`, `invite` {callsid, sdp, parameters, reconnect}, `cancel`, `ringing`, `answer`
 * {callsid, sdp, reconnect}, `hangup` {callsid, error?}, `error` {error:{code, message}, callsid?}.
 */
import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { SandboxContext, TimerHandle } from "../../core/types";
import type { MediaEngine, MediaLeg } from "../media-engine";
import {
  grantParams,
  NOT_AUTHORIZED,
  TOKEN_EXPIRED,
  verifyAccessToken,
  type VerifiedToken,
} from "./access-token";

const HEARTBEAT_MS = 5_000;
/** A socket silent for this long (no heartbeat echo either) is dead. */
const DEAD_SOCKET_MS = 30_000;
/** How long a call outlives its dropped signalling socket, waiting for the SDK to reconnect. */
export const SIGNALING_RECONNECT_GRACE_MS = 30_000;

const RECONNECT_NOT_AUTHORIZED = 31209;
const GENERIC_ERROR = 31000;
const PSTREAM_VERSION = "1.6";

type Payload = Record<string, unknown>;
type RingOutcome = "answered" | "rejected" | "canceled" | "unavailable";

interface DeviceCall {
  callSid: string | null;
  /** The SDK's temporary id (TJS…) of an outgoing call until the CallSid is known. */
  tempId: string | null;
  identity: string;
  session: Session | null;
  leg: MediaLeg;
  reconnectToken: string;
  /** The Device said goodbye (hangup/reject): nothing more to send it. */
  endedByDevice: boolean;
  released: boolean;
  graceTimer?: TimerHandle;
}

interface Offer {
  leg: MediaLeg;
  /** Sent with the invite: the SDK keeps it to re-invite after a signalling drop. */
  reconnectToken: string;
}

interface Ring {
  callSid: string;
  offers: Map<Session, Offer>;
  resolve: (outcome: RingOutcome) => void;
  params: Payload;
  identity: string;
}

class Session {
  token: VerifiedToken | null = null;
  registered = false;
  lastSeen = Date.now();
  expiryTimer?: TimerHandle;
  heartbeat?: NodeJS.Timeout;
  closed = false;

  constructor(readonly socket: WebSocket) {}

  send(type: string, payload: Payload): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify({ type, version: PSTREAM_VERSION, payload }));
  }

  error(code: number, message: string, callsid?: string): void {
    this.send(
      "error",
      callsid ? { callsid, error: { code, message } } : { error: { code, message } },
    );
  }
}

export type VoiceSignalContext = Pick<SandboxContext, "account" | "clock" | "debugger" | "log"> & {
  readonly voice?: SandboxContext["voice"];
};

export class VoiceSignalServer {
  private readonly sessions = new Set<Session>();
  private readonly calls = new Map<string, DeviceCall>(); // by CallSid
  private readonly pendingOutgoing = new Map<string, DeviceCall>(); // by TJS id
  private readonly byReconnectToken = new Map<string, DeviceCall>();
  private readonly rings = new Map<string, Ring>();

  constructor(
    private readonly ctx: VoiceSignalContext,
    private readonly media: MediaEngine,
  ) {}

  // ───────────── MediaApi side (called by the voice engine) ─────────────

  /** Whether a Device is registered for this identity (with a token that allows incoming). */
  isRegistered(identity: string): boolean {
    return this.registeredSessions(identity).length > 0;
  }

  registrations(): { identity: string; devices: number }[] {
    const counts = new Map<string, number>();
    for (const s of this.sessions)
      if (s.registered && s.token)
        counts.set(s.token.identity, (counts.get(s.token.identity) ?? 0) + 1);
    return [...counts].map(([identity, devices]) => ({ identity, devices }));
  }

  /** Rings every Device registered for the identity; the first to answer takes the call. */
  async ring(
    identity: string,
    call: { callSid: string; from: string; to: string; customParameters?: Record<string, string> },
  ): Promise<RingOutcome> {
    const sessions = this.registeredSessions(identity);
    if (sessions.length === 0) return "unavailable";
    const params: Payload = {
      AccountSid: this.ctx.account.accountSid,
      ApiVersion: "2010-04-01",
      CallSid: call.callSid,
      From: call.from,
      To: call.to,
    };
    const custom = new URLSearchParams(call.customParameters ?? {}).toString();
    if (custom) params.Params = custom;
    let resolve!: (outcome: RingOutcome) => void;
    const outcome = new Promise<RingOutcome>((r) => (resolve = r));
    const ring: Ring = { callSid: call.callSid, offers: new Map(), resolve, params, identity };
    this.rings.set(call.callSid, ring);
    await Promise.all(
      sessions.map(async (session) => {
        let leg: MediaLeg;
        try {
          leg = await this.media.makeOffer();
        } catch (error) {
          this.ctx.log.error("media offer failed", { error: (error as Error).message });
          return;
        }
        if (this.rings.get(call.callSid) !== ring || session.closed) {
          this.media.closeLeg(leg);
          return;
        }
        const offer: Offer = { leg, reconnectToken: randomUUID() };
        ring.offers.set(session, offer);
        session.send("invite", {
          callsid: call.callSid,
          sdp: leg.localSdp,
          parameters: params,
          reconnect: offer.reconnectToken,
        });
      }),
    );
    if (ring.offers.size === 0 && this.rings.get(call.callSid) === ring)
      this.finishRing(ring, "unavailable");
    return outcome;
  }

  cancelRing(callSid: string): void {
    const ring = this.rings.get(callSid);
    if (ring) this.finishRing(ring, "canceled");
  }

  /** The voice engine ended the leg: tell the Device (unless it hung up itself) and free media. */
  release(callSid: string): boolean {
    this.cancelRing(callSid);
    const call = this.calls.get(callSid);
    if (!call) return false;
    call.released = true;
    if (!call.endedByDevice) call.session?.send("hangup", { callsid: callSid });
    this.forget(call);
    return true;
  }

  owns(callSid: string): boolean {
    return this.calls.has(callSid);
  }

  // ───────────── WebSocket side ─────────────

  accept(socket: WebSocket): void {
    const session = new Session(socket);
    this.sessions.add(session);
    session.heartbeat = setInterval(() => {
      if (Date.now() - session.lastSeen > DEAD_SOCKET_MS) socket.terminate();
      else if (socket.readyState === socket.OPEN) socket.send("\n");
    }, HEARTBEAT_MS);
    session.heartbeat.unref();
    socket.on("message", (data, isBinary) => {
      session.lastSeen = Date.now();
      if (isBinary) return;
      const text = data.toString();
      if (text === "\n") return;
      void this.handle(session, text).catch((error: Error) => {
        this.ctx.log.error("voice signalling message failed", { error: error.message });
        session.error(GENERIC_ERROR, error.message);
      });
    });
    socket.on("close", () => this.onClose(session));
    socket.on("error", () => undefined);
  }

  /** Drops every call's signalling state (sandbox reset); sockets and registrations stay. */
  reset(): void {
    for (const ring of [...this.rings.values()]) this.finishRing(ring, "canceled");
    for (const call of new Set([...this.calls.values(), ...this.pendingOutgoing.values()])) {
      if (!call.endedByDevice)
        call.session?.send("hangup", { callsid: call.callSid ?? call.tempId });
      this.forget(call);
    }
  }

  close(): void {
    this.reset();
    for (const session of this.sessions) session.socket.close(1001, "sandbox shutting down");
  }

  private async handle(session: Session, text: string): Promise<void> {
    let message: { type?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      session.error(31100, "Malformed message: not JSON");
      return;
    }
    const type = typeof message.type === "string" ? message.type : "";
    const payload = (
      typeof message.payload === "object" && message.payload !== null ? message.payload : {}
    ) as Payload;
    if (type === "listen") return this.onListen(session, payload);
    if (!session.token) {
      // The SDK replays a queued `register` alongside `listen`; before a valid token it earns 31204.
      session.error(
        31204,
        "JWT token is invalid: listen with a valid Access Token first",
        str(payload.callsid),
      );
      return;
    }
    switch (type) {
      case "register":
        return this.onRegister(session, payload);
      case "invite":
        return typeof payload.reconnect === "string"
          ? this.onReconnect(session, payload)
          : this.onInvite(session, payload);
      case "answer":
        return this.onAnswer(session, payload);
      case "reject":
        return this.onReject(session, payload);
      case "hangup":
      case "cancel":
        return this.onHangup(session, payload);
      case "dtmf":
        return this.onDtmf(session, payload);
      case "reinvite":
        return this.onReinvite(session, payload);
      case "message":
        this.ctx.debugger.report({
          level: "unsupported",
          code: 0,
          message: "Voice SDK call messages (call.sendMessage) are not emulated",
          resourceSid: str(payload.callsid),
        });
        session.send("error", {
          callsid: payload.callsid,
          voiceeventsid: payload.voiceeventsid,
          error: {
            code: GENERIC_ERROR,
            message: "User-defined messages are not emulated by the sandbox",
          },
        });
        return;
      default:
        this.ctx.debugger.report({
          level: "unsupported",
          code: 0,
          message: `Voice SDK signalling message "${type}" is not emulated`,
        });
    }
  }

  private onListen(session: Session, payload: Payload): void {
    const check = verifyAccessToken(payload.token, this.ctx.account, this.ctx.clock.now());
    if (!check.ok) {
      this.ctx.debugger.report({
        level: "error",
        code: check.code === TOKEN_EXPIRED ? 20104 : 20101,
        message: `Voice SDK token refused: ${check.message}`,
      });
      session.error(check.code, check.message);
      return;
    }
    const previous = session.token;
    session.token = check.token;
    if (previous && previous.identity !== check.token.identity) session.registered = false;
    this.scheduleExpiry(session);
    session.send("connected", {
      region: "sandbox",
      edge: "sandbox",
      home: "sandbox",
      token: {
        identity: check.token.identity,
        ttl: Math.max(0, Math.floor((check.token.expiresAt - this.ctx.clock.now()) / 1000)),
      },
    });
  }

  private scheduleExpiry(session: Session): void {
    this.ctx.clock.clearTimeout(session.expiryTimer);
    const token = session.token!;
    session.expiryTimer = this.ctx.clock.setTimeout(
      () => {
        if (session.token !== token) return;
        // Calls in progress carry on (Twilio does not drop them); the Device stops being reachable
        // until `updateToken`, and re-registers by itself after the next `connected`.
        session.token = null;
        session.error(TOKEN_EXPIRED, "JWT token expired");
        if (session.registered) {
          session.registered = false;
          session.send("offline", {});
        }
      },
      Math.max(0, token.expiresAt - this.ctx.clock.now()),
    );
  }

  private onRegister(session: Session, payload: Payload): void {
    const media = (payload.media ?? {}) as Payload;
    if (media.audio === true) {
      if (session.token?.voice?.incoming?.allow !== true) {
        session.error(
          NOT_AUTHORIZED,
          "Authorization failed: the Access Token's voice grant does not allow incoming calls",
        );
        return;
      }
      session.registered = true;
      session.send("ready", {});
    } else {
      session.registered = false;
      session.send("offline", {});
    }
  }

  private async onInvite(session: Session, payload: Payload): Promise<void> {
    const token = session.token!;
    const tempId = str(payload.callsid);
    const sdp = str(payload.sdp);
    if (!tempId || !sdp) {
      session.error(31100, "Malformed invite: callsid and sdp are required", tempId);
      return;
    }
    const applicationSid = token.voice?.outgoing?.application_sid;
    if (!applicationSid) {
      session.send("hangup", {
        callsid: tempId,
        error: {
          code: NOT_AUTHORIZED,
          message:
            "Authorization failed: the Access Token's voice grant has no outgoing application_sid",
        },
      });
      return;
    }
    const voice = this.ctx.voice;
    if (!voice) {
      session.send("hangup", {
        callsid: tempId,
        error: { code: GENERIC_ERROR, message: "The sandbox has no voice engine" },
      });
      return;
    }
    const twilio = (payload.twilio ?? {}) as Payload;
    const params = {
      ...grantParams(token.voice),
      ...Object.fromEntries(new URLSearchParams(str(twilio.params) ?? "")),
    };

    let leg: MediaLeg;
    try {
      leg = await this.media.answerOffer(sdp);
    } catch (error) {
      session.send("hangup", {
        callsid: tempId,
        error: { code: 53402, message: `Media negotiation failed: ${(error as Error).message}` },
      });
      return;
    }
    const call: DeviceCall = {
      callSid: null,
      tempId,
      identity: token.identity,
      session,
      leg,
      reconnectToken: randomUUID(),
      endedByDevice: false,
      released: false,
    };
    this.pendingOutgoing.set(tempId, call);
    this.watchLeg(call);

    const started = this.media.beginStart();
    let snapshot;
    try {
      snapshot = await voice.startClientCall({ identity: token.identity, params, applicationSid });
    } catch (error) {
      started();
      this.pendingOutgoing.delete(tempId);
      this.media.closeLeg(leg);
      const code =
        typeof (error as { code?: unknown }).code === "number"
          ? (error as { code: number }).code
          : GENERIC_ERROR;
      call.session?.send("hangup", {
        callsid: tempId,
        error: { code, message: (error as Error).message },
      });
      return;
    }
    this.pendingOutgoing.delete(tempId);
    call.callSid = snapshot.sid;
    call.tempId = null;
    this.calls.set(snapshot.sid, call);
    this.byReconnectToken.set(call.reconnectToken, call);
    this.media.bind(leg, snapshot.sid);
    started();
    if (call.endedByDevice) {
      // The caller hung up while the call was being created.
      voice.endpointHangup(snapshot.sid, "hangup");
      return;
    }
    call.session?.send("ringing", { callsid: snapshot.sid });
    call.session?.send("answer", {
      callsid: snapshot.sid,
      sdp: leg.localSdp,
      reconnect: call.reconnectToken,
    });
  }

  private onReconnect(session: Session, payload: Payload): void {
    const callsid = str(payload.callsid);
    const call = this.byReconnectToken.get(str(payload.reconnect) ?? "");
    if (
      !call ||
      call.released ||
      call.identity !== session.token!.identity ||
      (callsid && call.callSid !== callsid)
    ) {
      session.send("hangup", {
        callsid,
        error: { code: RECONNECT_NOT_AUTHORIZED, message: "Reconnect attempt is not authorized" },
      });
      return;
    }
    this.ctx.clock.clearTimeout(call.graceTimer);
    call.graceTimer = undefined;
    call.session = session;
    session.send("answer", {
      callsid: call.callSid,
      sdp: call.leg.localSdp,
      reconnect: call.reconnectToken,
    });
  }

  private async onAnswer(session: Session, payload: Payload): Promise<void> {
    const callSid = str(payload.callsid) ?? "";
    const ring = this.rings.get(callSid);
    const offer = ring?.offers.get(session);
    if (!ring || !offer) {
      session.send("cancel", { callsid: callSid });
      return;
    }
    const leg = offer.leg;
    try {
      await leg.endpoint.acceptAnswer(str(payload.sdp) ?? "");
    } catch (error) {
      session.send("hangup", {
        callsid: callSid,
        error: { code: 53402, message: `Media negotiation failed: ${(error as Error).message}` },
      });
      ring.offers.delete(session);
      this.media.closeLeg(leg);
      return;
    }
    if (this.rings.get(callSid) !== ring) {
      // Canceled (or answered elsewhere) while the answer was being applied.
      session.send("cancel", { callsid: callSid });
      this.media.closeLeg(leg);
      return;
    }
    ring.offers.delete(session);
    const call: DeviceCall = {
      callSid,
      tempId: null,
      identity: ring.identity,
      session,
      leg,
      reconnectToken: offer.reconnectToken,
      endedByDevice: false,
      released: false,
    };
    this.calls.set(callSid, call);
    this.byReconnectToken.set(call.reconnectToken, call);
    this.media.bind(leg, callSid);
    this.watchLeg(call);
    this.finishRing(ring, "answered");
  }

  private onReject(session: Session, payload: Payload): void {
    const ring = this.rings.get(str(payload.callsid) ?? "");
    if (!ring || !ring.offers.has(session)) return;
    this.finishRing(ring, "rejected", session);
  }

  private onHangup(session: Session, payload: Payload): void {
    const id = str(payload.callsid) ?? "";
    const ring = this.rings.get(id);
    if (ring?.offers.has(session)) {
      this.finishRing(ring, "rejected", session);
      return;
    }
    const pending = this.pendingOutgoing.get(id);
    if (pending && pending.session === session) {
      pending.endedByDevice = true;
      this.media.closeLeg(pending.leg);
      return;
    }
    const call = this.calls.get(id);
    if (!call || call.session !== session || call.endedByDevice) return;
    call.endedByDevice = true;
    this.media.closeLeg(call.leg);
    this.ctx.voice?.endpointHangup(id, "hangup");
  }

  private onDtmf(session: Session, payload: Payload): void {
    const call = this.calls.get(str(payload.callsid) ?? "");
    const digits = str(payload.dtmf) ?? "";
    if (!call || call.session !== session || !/^[0-9*#w]+$/.test(digits)) return;
    const keys = digits.replace(/w/g, "");
    if (keys) this.ctx.voice?.sendDigits(call.callSid!, keys);
  }

  private async onReinvite(session: Session, payload: Payload): Promise<void> {
    const callSid = str(payload.callsid) ?? "";
    const call = this.calls.get(callSid);
    if (!call || call.session !== session) return;
    try {
      const sdp = await call.leg.endpoint.renegotiate(str(payload.sdp) ?? "");
      session.send("answer", { callsid: callSid, sdp });
    } catch (error) {
      this.ctx.debugger.report({
        level: "warning",
        code: 53405,
        message: `ICE restart failed: ${(error as Error).message}`,
        resourceSid: callSid,
      });
    }
  }

  private onClose(session: Session): void {
    session.closed = true;
    this.sessions.delete(session);
    if (session.heartbeat) clearInterval(session.heartbeat);
    this.ctx.clock.clearTimeout(session.expiryTimer);
    for (const ring of [...this.rings.values()]) {
      const offer = ring.offers.get(session);
      if (!offer) continue;
      ring.offers.delete(session);
      this.media.closeLeg(offer.leg);
    }
    for (const call of [...this.calls.values(), ...this.pendingOutgoing.values()]) {
      if (call.session !== session) continue;
      call.session = null;
      // Media keeps flowing (it does not use this socket); the SDK reconnects and re-invites
      // with the reconnect token. Without that, the call drops like a lost connection.
      call.graceTimer = this.ctx.clock.setTimeout(() => {
        if (call.session || call.released) return;
        call.endedByDevice = true;
        if (call.callSid) this.ctx.voice?.endpointHangup(call.callSid, "failed");
        this.media.closeLeg(call.leg);
      }, SIGNALING_RECONNECT_GRACE_MS);
    }
  }

  private watchLeg(call: DeviceCall): void {
    call.leg.onDigit = (digit) => {
      if (call.callSid && !call.endedByDevice) this.ctx.voice?.sendDigits(call.callSid, digit);
    };
    call.leg.onState = (state) => {
      if (state === "failed" && call.callSid && !call.endedByDevice && !call.released) {
        this.ctx.debugger.report({
          level: "warning",
          code: 53405,
          message: "Media connection to the Voice SDK failed",
          resourceSid: call.callSid,
        });
      }
    };
  }

  private finishRing(ring: Ring, outcome: RingOutcome, by?: Session): void {
    if (this.rings.get(ring.callSid) !== ring) return;
    this.rings.delete(ring.callSid);
    for (const [session, offer] of ring.offers) {
      if (session !== by) session.send("cancel", { callsid: ring.callSid });
      this.media.closeLeg(offer.leg);
    }
    ring.offers.clear();
    ring.resolve(outcome);
  }

  private forget(call: DeviceCall): void {
    this.ctx.clock.clearTimeout(call.graceTimer);
    if (call.callSid) this.calls.delete(call.callSid);
    if (call.tempId) this.pendingOutgoing.delete(call.tempId);
    this.byReconnectToken.delete(call.reconnectToken);
    this.media.closeLeg(call.leg);
  }

  private registeredSessions(identity: string): Session[] {
    return [...this.sessions].filter(
      (s) => s.registered && s.token?.identity === identity && !s.closed,
    );
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
