/**
 * Prisma CLI configuration: the JS schema engine over node-postgres, so `prisma migrate` works
 * offline (no engine download) against PGlite and Postgres alike.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// `prisma generate` parses `env("DATABASE_URL")` in the schema but never connects; give it a
// placeholder so generating the client needs no database.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/unused";

/** Postgres `name` columns (type OID 19) confuse the JS schema engine; report them as `text` (25). */
function withNameAsText(pool: pg.Pool): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const patched = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === 19) field.dataTypeID = 25;
    }
    return result;
  };
  (pool as unknown as { query: typeof patched }).query = patched;
  return pool;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const pool = withNameAsText(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
    return new PrismaPg(pool);
  },
});
