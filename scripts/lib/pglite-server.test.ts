import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgliteServer } from "./pglite-server";

const port = 55000 + Math.floor(Math.random() * 900);
const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
let server: Awaited<ReturnType<typeof startPgliteServer>>;

beforeAll(async () => {
  server = await startPgliteServer({ dataDir: "memory://", port });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("CREATE TABLE t (id serial PRIMARY KEY, owner int NOT NULL, n int NOT NULL)");
  await c.end();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("embedded database server", () => {
  it("keeps concurrent connections' extended-protocol queries apart", async () => {
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    try {
      // Parameterised queries use Parse/Bind/Execute/Sync with the unnamed statement and portal:
      // interleaving them across connections would hand one client another's result.
      const results = await Promise.all(
        clients.map(async (c, who) => {
          const seen: number[] = [];
          for (let i = 0; i < 40; i++) {
            const { rows } = await c.query("SELECT $1::int * 1000 + $2::int AS v, (SELECT count(*) FROM generate_series(1, 20000)) AS x", [who, i]);
            seen.push(rows[0].v);
          }
          return seen;
        }),
      );
      results.forEach((seen, who) => expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => who * 1000 + i)));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }, 60_000);

  it("gives an open transaction the session until it ends, and rolls back a dropped one", async () => {
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await a.connect();
    await b.connect();
    try {
      await a.query("BEGIN");
      await a.query("INSERT INTO t (owner, n) VALUES (1, 1)");
      // b's statement waits for a's transaction instead of running inside it.
      const bInsert = b.query("INSERT INTO t (owner, n) VALUES (2, 1)");
      await a.query("ROLLBACK");
      await bInsert;
      const { rows } = await b.query("SELECT owner FROM t ORDER BY id");
      expect(rows.map((r) => r.owner)).toEqual([2]);

      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("BEGIN");
      await c.query("INSERT INTO t (owner, n) VALUES (3, 1)");
      c.on("error", () => {});
      (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const after = await b.query("SELECT count(*)::int AS n FROM t WHERE owner = 3");
      expect(after.rows[0].n).toBe(0);
    } finally {
      await a.end();
      await b.end();
    }
  }, 60_000);
});
