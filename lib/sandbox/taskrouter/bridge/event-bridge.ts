/**
 * The event bridge the real `twilio-taskrouter` SDK talks to (its `wsServer` / `ebServer`
 * options; contract §6.2, SDK lib/signaling/EventBridgeSignaling.js and lib/util/Request.js):
 *
 * - WebSocket `…/wschannels?token=…&closeExistingSessions=…&clientVersion=…[&setWorkerOfflineIfDisconnected=…]`:
 *   the first message is `init` `{channel_id, account_sid, workspace_sid, token_lifetime}`, then
 *   `{event_type, payload}` for the worker's events, and a whitespace heartbeat every 15 s on the
 *   real clock (the SDK drops the socket after 30 s of silence). The socket is closed when the
 *   token expires (sandbox clock); the SDK reconnects once it has a new token.
 * - `POST …/wschannels` with JSON `{url, method, params, token}` (+ headers apiVersion,
 *   clientVersion, If-Match): the SDK's REST calls, answered `{payload: <resource>}` in the
 *   bridge's JSON shape, through the same operations as the REST API.
 */
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type {
  HttpRoute,
  SandboxRequest,
  SandboxResponse,
  TimerHandle,
  WsRoute,
} from "../../core/types";
import { AccessTokenError, verifyAccessToken, type VerifiedToken } from "../access-token";
import type { TaskRouterEngine } from "../engine";
import type { EventSubject } from "../events";
import type { TaskRouterEvent } from "../model";
import { bridgeReservation, bridgeTask, bridgeWorker, bridgeWorkerChannel } from "../serialize";
import { setWorkerActivity } from "../workers";
import { handleBridgeRequest } from "./bridge-requests";

export const BRIDGE_PATH = "/taskrouter/v1/wschannels";
const HEARTBEAT_MS = 15_000;
/** How long a worker may be without a session before setWorkerOfflineIfDisconnected applies. */
const OFFLINE_GRACE_MS = 30_000;

/** Close codes the bridge uses (application range). */
export const CLOSE = {
  invalidToken: 4001,
  tokenExpired: 4002,
  unknownWorker: 4004,
  replaced: 4009,
  shutdown: 1001,
} as const;

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "apiVersion, clientVersion, If-Match, Content-Type",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
};

type Session = {
  socket: WebSocket;
  workerSid: string;
  workspaceSid: string;
  clientVersion: string;
  offlineIfDisconnected: boolean;
  heartbeat: ReturnType<typeof setInterval>;
  expiry: TimerHandle;
};

export class EventBridge {
  private readonly sessions = new Set<Session>();
  private readonly unsubscribe: () => void;

  private readonly heartbeatMs: number;

  constructor(
    private readonly engine: TaskRouterEngine,
    options: { heartbeatMs?: number } = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.unsubscribe = engine.events.onEvent((event, subject) => this.forward(event, subject));
  }

  wsRoute(): WsRoute {
    return { path: BRIDGE_PATH, onConnection: (socket, request) => this.connect(socket, request) };
  }

  httpRoute(): HttpRoute {
    return {
      method: "POST",
      pattern: BRIDGE_PATH,
      auth: "none",
      handler: (request) => this.request(request),
    };
  }

  /** Live sessions per worker (console, tests). */
  sessionCount(workerSid?: string): number {
    return [...this.sessions].filter((session) => !workerSid || session.workerSid === workerSid)
      .length;
  }

  close(): void {
    this.unsubscribe();
    for (const session of [...this.sessions])
      this.drop(session, CLOSE.shutdown, "Sandbox shutting down", false);
  }

  /** Closes every session (sandbox reset): the SDK reconnects and re-initialises. */
  disconnectAll(reason: string): void {
    for (const session of [...this.sessions]) this.drop(session, 1012, reason, false);
  }

  private connect(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? "/", "http://sandbox.invalid");
    const token = url.searchParams.get("token") ?? "";
    let verified: VerifiedToken;
    try {
      verified = verifyAccessToken(token, this.engine.ctx.account, this.engine.now());
    } catch (error) {
      const code =
        error instanceof AccessTokenError && error.code === 20104
          ? CLOSE.tokenExpired
          : CLOSE.invalidToken;
      const message = error instanceof Error ? error.message : "Invalid Access Token";
      this.engine.ctx.debugger.report({
        level: "error",
        code: error instanceof AccessTokenError ? error.code : 20101,
        message: `TaskRouter event bridge: ${message}`,
      });
      socket.close(code, message.slice(0, 120));
      return;
    }
    const { workspace_sid: workspaceSid, worker_sid: workerSid } = verified.grant;
    const worker = this.engine.state.workers.get(workerSid);
    if (!worker || worker.workspaceSid !== workspaceSid) {
      socket.close(
        CLOSE.unknownWorker,
        `Worker ${workerSid} not found in Workspace ${workspaceSid}`,
      );
      return;
    }
    if (url.searchParams.get("closeExistingSessions") === "true") {
      for (const session of [...this.sessions]) {
        if (session.workerSid === workerSid)
          this.drop(session, CLOSE.replaced, "Session closed by a newer session", false);
      }
    }
    this.engine.clearTimer(`offline:${workerSid}`);
    const now = this.engine.now();
    const session: Session = {
      socket,
      workerSid,
      workspaceSid,
      clientVersion: url.searchParams.get("clientVersion") ?? "",
      offlineIfDisconnected: url.searchParams.get("setWorkerOfflineIfDisconnected") === "true",
      // Real time on purpose: the SDK's own 30 s watchdog runs on the browser's clock.
      heartbeat: setInterval(() => {
        if (socket.readyState === socket.OPEN) socket.send(" ");
      }, this.heartbeatMs),
      expiry: this.engine.ctx.clock.setTimeout(
        () => this.drop(session, CLOSE.tokenExpired, "Token expired", true),
        Math.max(0, verified.expiresAt - now),
      ),
    };
    session.heartbeat.unref?.();
    this.sessions.add(session);
    socket.on("close", () => this.drop(session, null, "", true));
    socket.on("error", () => this.drop(session, null, "", true));
    socket.send(
      JSON.stringify({
        event_type: "init",
        payload: {
          channel_id: workerSid,
          account_sid: this.engine.ctx.account.accountSid,
          workspace_sid: workspaceSid,
          token_lifetime: Math.max(0, verified.expiresAt - now),
        },
      }),
    );
  }

  /** Ends a session; `closeCode` null when the client already closed it. */
  private drop(
    session: Session,
    closeCode: number | null,
    reason: string,
    mayGoOffline: boolean,
  ): void {
    if (!this.sessions.delete(session)) return;
    clearInterval(session.heartbeat);
    this.engine.ctx.clock.clearTimeout(session.expiry);
    if (closeCode !== null && session.socket.readyState === session.socket.OPEN)
      session.socket.close(closeCode, reason);
    if (
      mayGoOffline &&
      session.offlineIfDisconnected &&
      this.sessionCount(session.workerSid) === 0
    ) {
      this.engine.setTimer(
        `offline:${session.workerSid}`,
        this.engine.now() + OFFLINE_GRACE_MS,
        () => this.takeOffline(session),
      );
    }
  }

  private takeOffline(session: Session): void {
    if (this.sessionCount(session.workerSid) > 0) return;
    const worker = this.engine.state.workers.get(session.workerSid);
    const workspace = this.engine.state.workspaces.get(session.workspaceSid);
    if (!worker || !workspace) return;
    const offline =
      this.engine
        .inWorkspace(this.engine.state.activities, workspace.sid)
        .find((activity) => activity.friendlyName === "Offline") ??
      this.engine.state.activities.get(workspace.defaultActivitySid);
    if (!offline) return;
    this.engine.as({ type: "workspace", sid: workspace.sid }, () =>
      setWorkerActivity(this.engine, worker, offline.sid),
    );
  }

  /** Pushes an engine event to the sessions of the workers it concerns, in the bridge's JSON shape. */
  private forward(event: TaskRouterEvent, subject: EventSubject): void {
    if (this.sessions.size === 0) return;
    const type = event.eventType;
    let workers: string[] = [];
    let payload: unknown = null;
    if (type.startsWith("worker.") && subject.worker) {
      workers = [subject.worker.sid];
      if (type === "worker.capacity.update" || type === "worker.channel.availability.update") {
        const channelSid = subject.extra?.find(([key]) => key === "TaskChannelSid")?.[1];
        const channel = channelSid
          ? this.engine.workerChannel(subject.worker.sid, channelSid)
          : undefined;
        payload = channel ? bridgeWorkerChannel(this.engine, channel) : null;
      } else {
        payload = bridgeWorker(this.engine, subject.worker);
      }
    } else if (type.startsWith("reservation.") && subject.reservation) {
      workers = [subject.reservation.workerSid];
      payload = bridgeReservation(this.engine, subject.reservation);
    } else if (type.startsWith("task.") && subject.task) {
      const taskSid = subject.task.sid;
      workers = [
        ...new Set(
          this.engine.reservationsOfTask(taskSid).map((reservation) => reservation.workerSid),
        ),
      ];
      payload = bridgeTask(this.engine, subject.task);
    }
    if (!payload || workers.length === 0) return;
    const message = JSON.stringify({ event_type: type, payload });
    for (const session of this.sessions) {
      if (workers.includes(session.workerSid) && session.socket.readyState === session.socket.OPEN)
        session.socket.send(message);
    }
  }

  private async request(request: SandboxRequest): Promise<SandboxResponse> {
    const response = await handleBridgeRequest(this.engine, request);
    return { ...response, headers: { ...CORS_HEADERS, ...(response.headers ?? {}) } };
  }
}
