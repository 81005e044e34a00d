/**
 * `ws /video/signal`: room signalling for the browser adapter (protocol in
 * browser/video-protocol.ts). A connection presents a Video Access Token, which is checked like
 * Twilio's signalling gateway checks it (signature with the API key secret, expiry, identity, and
 * the grant's room); the participant then exists in the room (status callbacks from the engine)
 * until the socket closes, the REST API removes it, or the room ends.
 */
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { SandboxContext } from "../core/types";
import { TOKEN_EXPIRED, verifyAccessToken } from "../media/signal/access-token";
import { VIDEO_ERRORS, type TrackInfo, type VideoClientMessage, type VideoServerMessage } from "./browser/video-protocol";
import type { VideoEngine, VideoRoomListener } from "./video-engine";
import { ParticipantRecorder } from "./video-recorder";

const PING_MS = 15_000;

interface Session {
  socket: WebSocket;
  participantSid: string | null;
  roomSid: string | null;
  identity: string | null;
  tracks: TrackInfo[];
  recorder: { recorder: ParticipantRecorder; recordingSid: string } | null;
  alive: boolean;
}

function videoGrantRoom(jwt: string): string | null | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { grants?: { video?: { room?: string } } };
    if (!payload.grants?.video) return undefined;
    return payload.grants.video.room ?? null;
  } catch {
    return undefined;
  }
}

export class VideoSignalServer implements VideoRoomListener {
  private readonly sessions = new Map<string, Session>();
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly ctx: SandboxContext, private readonly engine: VideoEngine) {
    engine.listener = this;
    this.pinger = setInterval(() => {
      for (const s of this.sessions.values()) {
        if (!s.alive) s.socket.terminate();
        s.alive = false;
        s.socket.ping();
      }
    }, PING_MS);
    this.pinger.unref();
  }

  onConnection(socket: WebSocket, _request: IncomingMessage): void {
    const session: Session = { socket, participantSid: null, roomSid: null, identity: null, tracks: [], recorder: null, alive: true };
    socket.on("pong", () => { session.alive = true; });
    socket.on("message", (raw, isBinary) => {
      session.alive = true;
      if (isBinary) return;
      let message: VideoClientMessage;
      try {
        message = JSON.parse(raw.toString()) as VideoClientMessage;
      } catch {
        return;
      }
      void this.handle(session, message).catch((error: Error) => {
        this.ctx.log.warn("video signalling error", { error: error.message });
        this.send(session, { type: "error", code: VIDEO_ERRORS.signalingError, message: error.message });
      });
    });
    socket.on("close", () => void this.leave(session));
  }

  private async handle(session: Session, message: VideoClientMessage): Promise<void> {
    if (message.type === "connect") return this.connect(session, message.token, message.name);
    if (!session.participantSid || !session.roomSid) return;
    switch (message.type) {
      case "tracks":
        session.tracks = message.tracks;
        this.broadcast(session.roomSid, { type: "tracks", participantSid: session.participantSid, tracks: message.tracks }, session);
        return;
      case "signal": {
        const peer = this.sessions.get(message.to);
        if (peer && peer.roomSid === session.roomSid) this.send(peer, { type: "signal", from: session.participantSid, data: message.data });
        return;
      }
      case "data":
        this.broadcast(session.roomSid, { type: "data", from: session.participantSid, trackSid: message.trackSid, data: message.data }, session);
        return;
      case "network":
        this.broadcast(session.roomSid, { type: "network", participantSid: session.participantSid, level: message.level }, session);
        return;
      case "recorder-offer":
        return this.startRecorder(session, message.sdp);
      case "disconnect":
        session.socket.close(1000, "disconnect");
        return;
    }
  }

  private connect(session: Session, token: string, name: string | undefined): void {
    if (session.participantSid) return;
    const check = verifyAccessToken(token, this.ctx.account, this.ctx.clock.now());
    if (!check.ok) {
      const code = check.code === TOKEN_EXPIRED ? VIDEO_ERRORS.tokenExpired : VIDEO_ERRORS.tokenInvalid;
      return this.refuse(session, code, check.message);
    }
    const grantRoom = videoGrantRoom(token);
    if (grantRoom === undefined) return this.refuse(session, VIDEO_ERRORS.tokenInvalid, "Access Token has no Video grant");
    const roomName = name ?? grantRoom;
    if (!roomName) return this.refuse(session, VIDEO_ERRORS.roomNotFound, "Room not found");
    if (grantRoom && grantRoom !== roomName) return this.refuse(session, VIDEO_ERRORS.tokenInvalid, "Access Token is not valid for this Room");
    // Client-side room creation (on by default in Twilio accounts): a missing room is created.
    const room = this.engine.liveRoomByName(roomName) ?? this.engine.createRoom({ uniqueName: roomName });
    const identity = check.token.identity;
    for (const other of this.sessions.values()) {
      if (other.roomSid === room.sid && other.identity === identity) {
        this.drop(other, VIDEO_ERRORS.duplicateIdentity, "Participant disconnected because of duplicate identity");
      }
    }
    let participant;
    try {
      participant = this.engine.addParticipant(room, identity);
    } catch (error) {
      const e = error as { code?: number; message: string };
      return this.refuse(session, e.code ?? VIDEO_ERRORS.signalingError, e.message);
    }
    session.participantSid = participant.sid;
    session.roomSid = room.sid;
    session.identity = identity;
    const others = [...this.sessions.values()].filter((s) => s.roomSid === room.sid && s.participantSid);
    this.sessions.set(participant.sid, session);
    this.send(session, {
      type: "connected",
      room: { sid: room.sid, name: room.uniqueName, isRecording: this.engine.isRecording(room) },
      participant: { sid: participant.sid, identity },
      participants: others.map((s) => ({ sid: s.participantSid!, identity: s.identity!, tracks: s.tracks })),
    });
    this.broadcast(room.sid, { type: "participant-connected", participant: { sid: participant.sid, identity, tracks: [] } }, session);
  }

  private async leave(session: Session): Promise<void> {
    const sid = session.participantSid;
    if (!sid || !this.sessions.has(sid)) return;
    this.sessions.delete(sid);
    await this.stopRecorder(session);
    this.engine.removeParticipant(sid);
    if (session.roomSid) this.broadcast(session.roomSid, { type: "participant-disconnected", sid });
  }

  private async startRecorder(session: Session, sdp: string): Promise<void> {
    const room = session.roomSid ? this.engine.rooms.get(session.roomSid) : undefined;
    if (!room || !this.engine.isRecording(room) || session.recorder) return;
    const recorder = new ParticipantRecorder();
    const answer = await recorder.answer(sdp);
    const recording = this.engine.startRecording(room, session.participantSid!);
    session.recorder = { recorder, recordingSid: recording.sid };
    this.send(session, { type: "recorder-answer", sdp: answer });
  }

  private async stopRecorder(session: Session): Promise<void> {
    const active = session.recorder;
    if (!active) return;
    session.recorder = null;
    const media = await active.recorder.stop();
    this.engine.finishRecording(active.recordingSid, media);
  }

  // ── VideoRoomListener (REST-driven changes) ──

  onParticipantRemoved(_roomSid: string, participantSid: string, code: number, message: string): void {
    const session = this.sessions.get(participantSid);
    if (session) this.drop(session, code, message);
  }

  onRoomEnded(roomSid: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.roomSid === roomSid) this.drop(session, VIDEO_ERRORS.roomCompleted, "Room completed");
    }
  }

  onRecordingChanged(roomSid: string, isRecording: boolean): void {
    this.broadcast(roomSid, { type: "recording", isRecording });
    if (!isRecording) for (const s of this.sessions.values()) if (s.roomSid === roomSid) void this.stopRecorder(s);
  }

  private drop(session: Session, code: number, message: string): void {
    this.send(session, { type: "disconnected", code, message });
    const sid = session.participantSid;
    if (sid) {
      this.sessions.delete(sid);
      void this.stopRecorder(session);
      this.engine.removeParticipant(sid);
      if (session.roomSid) this.broadcast(session.roomSid, { type: "participant-disconnected", sid });
    }
    session.participantSid = null;
    session.socket.close(1000, "disconnected");
  }

  private refuse(session: Session, code: number, message: string): void {
    this.send(session, { type: "disconnected", code, message });
    session.socket.close(1000, "refused");
  }

  private broadcast(roomSid: string, message: VideoServerMessage, except?: Session): void {
    for (const s of this.sessions.values()) if (s.roomSid === roomSid && s !== except) this.send(s, message);
  }

  private send(session: Session, message: VideoServerMessage): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(message));
  }

  /** Sandbox reset: every connection is dropped as if its room ended. */
  onRoomEndedAll(): void {
    for (const session of [...this.sessions.values()]) this.refuse(session, VIDEO_ERRORS.roomCompleted, "Room completed");
    this.sessions.clear();
  }

  close(): void {
    clearInterval(this.pinger);
    for (const s of this.sessions.values()) s.socket.close(1001, "sandbox stopping");
    this.sessions.clear();
  }
}
