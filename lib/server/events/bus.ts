/**
 * The app's event bus: webhook handlers and services publish after their database write commits;
 * the supervisor SSE streams and the agent console subscribe.
 *
 * Two transports, same API:
 * - in-process (an EventEmitter) when the app runs on the embedded database: one instance only;
 * - Postgres LISTEN/NOTIFY when DATABASE_URL is a real Postgres, so every app instance behind a
 *   load balancer sees every event. Each bus holds one dedicated LISTEN connection; a published
 *   event reaches local subscribers through that connection too, so ordering is the same for all
 *   instances. NOTIFY payloads are limited to 8000 bytes: publish small DTOs (ids, statuses).
 *
 * Topics (payloads are plain JSON):
 *   call.updated         { callSid, status, direction, queueId, agentId, outcome }
 *   task.updated         { taskSid, status, type, queueId, agentId, eventType }
 *   reservation.updated  { reservationSid, taskSid, workerSid, userId, status }
 *   worker.activity      { workerSid, userId, activityName, activitySid, startedAt }
 *   queue.stats          { queueId }   (something changed; recompute that queue's numbers)
 *   conference.updated   { conferenceSid, taskSid, callSid, event, role }
 *   message.updated      { messageSid, conversationId, status, direction }
 *   video.updated        { roomSid, event, participantSid? }
 *   inspection.waiting   { inspectionId }                 a guest asked to join through an invite link
 *   inspection.snapshot  { inspectionId, snapshotId }
 * Patterns: an exact topic, a prefix wildcard ("call.*"), or "*".
 *
 * No `server-only` guard: tests build buses against their own databases.
 */
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import pg from "pg";

export interface BusEvent<T = unknown> {
  topic: string;
  payload: T;
  /** Milliseconds since the epoch, when it was published. */
  at: number;
  /** The publishing instance. */
  origin: string;
}

export type BusHandler = (event: BusEvent) => void;

export interface EventBus {
  readonly transport: "memory" | "postgres";
  publish(topic: string, payload: unknown): Promise<void>;
  subscribe(pattern: string, handler: BusHandler): () => void;
  /** Resolves once the bus can deliver (LISTEN is active). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const NOTIFY_CHANNEL = "switchboard_events";
const MAX_NOTIFY_BYTES = 7900;

export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === "*" || pattern === topic) return true;
  return pattern.endsWith(".*") && topic.startsWith(pattern.slice(0, -1));
}

class Subscribers {
  private readonly handlers = new Set<{ pattern: string; handler: BusHandler }>();
  add(pattern: string, handler: BusHandler): () => void {
    const entry = { pattern, handler };
    this.handlers.add(entry);
    return () => void this.handlers.delete(entry);
  }
  deliver(event: BusEvent, onError: (error: unknown) => void) {
    for (const { pattern, handler } of this.handlers) {
      if (!topicMatches(pattern, event.topic)) continue;
      try {
        handler(event);
      } catch (error) {
        onError(error);
      }
    }
  }
  get size() {
    return this.handlers.size;
  }
}

export function createMemoryBus(onError: (error: unknown) => void = () => {}): EventBus {
  const subscribers = new Subscribers();
  const emitter = new EventEmitter();
  const origin = randomUUID();
  emitter.on("event", (event: BusEvent) => subscribers.deliver(event, onError));
  return {
    transport: "memory",
    async publish(topic, payload) {
      const event: BusEvent = { topic, payload, at: Date.now(), origin };
      // Delivered on the next tick, like the Postgres transport: publishers never run handlers inline.
      setImmediate(() => emitter.emit("event", event));
    },
    subscribe: (pattern, handler) => subscribers.add(pattern, handler),
    ready: async () => {},
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

export function createPostgresBus(databaseUrl: string, onError: (error: unknown) => void = () => {}): EventBus {
  const subscribers = new Subscribers();
  const origin = randomUUID();
  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  let listener: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on("notification", (message) => {
        if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
        try {
          subscribers.deliver(JSON.parse(message.payload) as BusEvent, onError);
        } catch (error) {
          onError(error);
        }
      });
      client.on("error", (error) => {
        onError(error);
        // Reconnect on the next subscribe/publish; events published meanwhile are lost to this
        // instance (the database stays the source of truth; consumers re-read on reconnect).
        listener = null;
        connecting = null;
        if (!closed && subscribers.size > 0) setTimeout(() => void connect().catch(onError), 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      listener = client;
    })().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  };

  return {
    transport: "postgres",
    async publish(topic, payload) {
      let text = JSON.stringify({ topic, payload, at: Date.now(), origin } satisfies BusEvent);
      if (Buffer.byteLength(text) > MAX_NOTIFY_BYTES) {
        onError(new Error(`event ${topic} is too large for NOTIFY; payload dropped`));
        text = JSON.stringify({ topic, payload: { truncated: true }, at: Date.now(), origin } satisfies BusEvent);
      }
      await publisher.query("SELECT pg_notify($1, $2)", [NOTIFY_CHANNEL, text]);
    },
    subscribe(pattern, handler) {
      const unsubscribe = subscribers.add(pattern, handler);
      void connect().catch(onError);
      return unsubscribe;
    },
    ready: () => connect(),
    async close() {
      closed = true;
      await listener?.end().catch(() => {});
      await publisher.end().catch(() => {});
    },
  };
}
