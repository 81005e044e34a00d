/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) served over the Postgres wire
 * protocol by scripts/lib/pglite-server.ts, with its data in a local folder. Used whenever
 * DATABASE_URL is not set.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { isPortOpen, supervise, waitFor } from "./processes";

export interface EmbeddedDb {
  url: string;
  /** The server process when this call started it; null when one was already running. */
  child: ChildProcess | null;
}

export function embeddedDbUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

async function answersQueries(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Starts the embedded server on `port` with data under `dataDir`, or reuses one that is already
 * serving there (a running `npm run dev`), so `db:*` scripts work alongside the app.
 * `supervised` makes the launcher stop everything if the database dies.
 */
export async function startEmbeddedDb(options: { dataDir: string; port: number; supervised: boolean }): Promise<EmbeddedDb> {
  const url = embeddedDbUrl(options.port);
  if (await isPortOpen(options.port)) {
    if (await answersQueries(url)) return { url, child: null };
    throw new Error(
      `Port ${options.port} is in use by something that is not a database. Set EMBEDDED_DB_PORT to a free port.`,
    );
  }
  const dir = path.resolve(options.dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  // Our own wire-protocol server over PGlite (see pglite-server.ts for why not pglite-socket's).
  const bin = path.resolve("node_modules/.bin/tsx");
  const args = [path.resolve("scripts/lib/pglite-server.ts"), "--dir", dir, "--port", String(options.port)];
  const child = options.supervised
    ? supervise("embedded database", bin, args, { stdio: ["ignore", "ignore", "inherit"] })
    : spawn(bin, args, { stdio: ["ignore", "ignore", "inherit"] });
  await waitFor(() => answersQueries(url), "the embedded database", 60_000);
  return { url, child };
}
