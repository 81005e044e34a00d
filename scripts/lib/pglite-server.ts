/**
 * The embedded database server: PGlite (Postgres in WebAssembly, one session) served over the
 * Postgres wire protocol to any number of connections.
 *
 * Why not `pglite-server` from @electric-sql/pglite-socket: it queues every protocol *message*
 * separately, so the extended-protocol sequences of two connections (Parse, Bind, Execute … Sync)
 * interleave on the single session, and one connection's unnamed portal or statement replaces the
 * other's — results cross between connections under concurrent load. Here each connection's
 * messages are buffered up to a synchronisation point (Sync, a simple Query, or Terminate) and run
 * as one unit; while a connection has a transaction open, only that connection runs.
 *
 *   tsx scripts/lib/pglite-server.ts --dir .data/pglite --port 54329 [--host 127.0.0.1]
 */
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const GSSENC_REQUEST = 80877104;

type Unit = { connection: Connection; bytes: Uint8Array; done: () => void };

/** Runs units one at a time on the session; a connection inside a transaction keeps the session. */
class SessionScheduler {
  private queue: Unit[] = [];
  private running = false;
  /** The connection whose transaction is open on the session, if any. */
  owner: Connection | null = null;

  constructor(private readonly db: PGlite) {}

  submit(unit: Unit) {
    this.queue.push(unit);
    void this.pump();
  }

  private next(): Unit | undefined {
    if (!this.owner) return this.queue.shift();
    const i = this.queue.findIndex((u) => u.connection === this.owner);
    return i === -1 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (let unit = this.next(); unit; unit = this.next()) {
        const { connection } = unit;
        try {
          await this.db.execProtocolRawStream(unit.bytes, { onRawData: (chunk) => connection.write(chunk) });
        } catch (error) {
          connection.fail(error);
        }
        this.owner = this.db.isInTransaction() ? connection : null;
        unit.done();
      }
    } finally {
      this.running = false;
    }
  }

  /** A connection went away: roll back its transaction and drop its queued work. */
  async release(connection: Connection) {
    this.queue = this.queue.filter((u) => u.connection !== connection);
    if (this.owner === connection) {
      this.owner = null;
      await this.db.exec("ROLLBACK").catch(() => {});
    }
    void this.pump();
  }
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private started = false;
  private busy = Promise.resolve();

  constructor(
    private readonly socket: net.Socket,
    private readonly scheduler: SessionScheduler,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (data) => this.onData(data));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void this.scheduler.release(this));
  }

  write(chunk: Uint8Array) {
    if (chunk.length > 0 && !this.socket.destroyed) this.socket.write(chunk);
  }

  fail(error: unknown) {
    console.error("embedded database: protocol error:", error instanceof Error ? error.message : error);
    this.socket.destroy();
  }

  private onData(data: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    for (;;) {
      if (!this.started) {
        // Startup-phase packets have no type byte: int32 length, int32 code.
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const packet = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.end();
          return;
        }
        this.started = true;
        this.enqueue([packet]);
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = this.buffer.readInt32BE(1) + 1;
      if (this.buffer.length < length) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (type === "X") {
        this.socket.end();
        return;
      }
      this.pending.push(message);
      // Sync ends an extended-protocol sequence; Query is a whole simple-protocol request;
      // Flush asks for output now (rarely used by our clients).
      if (type === "S" || type === "Q" || type === "H") {
        const batch = this.pending;
        this.pending = [];
        this.enqueue(batch);
      }
    }
  }

  /** Units of one connection run in order, one after another. */
  private enqueue(messages: Buffer[]) {
    const bytes = new Uint8Array(Buffer.concat(messages));
    this.busy = this.busy.then(
      () => new Promise<void>((done) => this.scheduler.submit({ connection: this, bytes, done })),
    );
  }
}

export async function startPgliteServer(options: { dataDir: string; port: number; host?: string }) {
  const db = await PGlite.create(options.dataDir);
  const scheduler = new SessionScheduler(db);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    new Connection(socket, scheduler);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    /** Stops listening, drops every client connection, then closes the database. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await db.close();
    },
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

if (process.argv[1]?.endsWith("pglite-server.ts")) {
  const dataDir = arg("dir");
  const port = Number(arg("port"));
  if (!dataDir || !port) {
    console.error("usage: tsx scripts/lib/pglite-server.ts --dir <folder> --port <port> [--host 127.0.0.1]");
    process.exit(2);
  }
  const server = await startPgliteServer({ dataDir, port, host: arg("host") });
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
