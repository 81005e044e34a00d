import "server-only";
import { env, requireEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "./create-client";

export type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// One client per process; dev hot reloads would otherwise open a new pool per edit.
const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

function getClient(): PrismaClient {
  globalForDb.switchboardDb ??= createPrismaClient(requireEnv("DATABASE_URL"), {
    poolSize: env.DATABASE_POOL_SIZE,
  });
  return globalForDb.switchboardDb;
}

/**
 * The app's Prisma client. Created on first use, so importing this module never needs a
 * database (the build imports route modules without one).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getClient();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
