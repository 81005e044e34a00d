/**
 * Builds a Prisma client on the Rust-free engine over node-postgres. Used by the app's singleton
 * and by scripts (seed, benchmarks, tests) that run outside Next.js.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export interface CreateClientOptions {
  /** Connections in the pool. The embedded PGlite server is a single session, so keep it small. */
  poolSize?: number;
  /** Milliseconds to wait for a connection before failing (health checks want this short). */
  connectTimeoutMs?: number;
}

export function createPrismaClient(url: string, options: CreateClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}
