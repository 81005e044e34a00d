import "server-only";
/**
 * The process's event bus (see bus.ts for topics). In-process on the embedded database, which
 * serves a single app instance; Postgres LISTEN/NOTIFY on a real Postgres.
 */
import { env, requireEnv } from "@/lib/env";
import { logger } from "@/lib/server/logger";
import { createMemoryBus, createPostgresBus, type EventBus } from "./bus";

export type { BusEvent, EventBus } from "./bus";

/** True when DATABASE_URL points at the launcher's embedded PGlite server. */
export function isEmbeddedDatabase(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  return ["127.0.0.1", "localhost"].includes(url.hostname) && Number(url.port) === env.EMBEDDED_DB_PORT;
}

const globalForBus = globalThis as unknown as { switchboardBus?: EventBus };

function getBus(): EventBus {
  if (!globalForBus.switchboardBus) {
    const url = requireEnv("DATABASE_URL");
    const onError = (error: unknown) => logger.error({ err: error }, "event bus error");
    globalForBus.switchboardBus = isEmbeddedDatabase(url) ? createMemoryBus(onError) : createPostgresBus(url, onError);
  }
  return globalForBus.switchboardBus;
}

/** Publishes after the write it describes has committed. Never throws: a lost live update must not fail a webhook. */
export async function publish(topic: string, payload: unknown): Promise<void> {
  try {
    await getBus().publish(topic, payload);
  } catch (error) {
    logger.error({ err: error, topic }, "could not publish event");
  }
}

export function subscribe(pattern: string, handler: Parameters<EventBus["subscribe"]>[1]): () => void {
  return getBus().subscribe(pattern, handler);
}

/** Resolves once subscribers will receive events (the LISTEN connection is up on Postgres). */
export function eventsReady(): Promise<void> {
  return getBus().ready();
}
