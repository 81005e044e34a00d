/**
 * One command to run Switchboard:
 *
 *   npm run dev     development server (hot reload)
 *   npm start       production build (built first if missing)
 *
 * Starts what the configuration lacks — the embedded database when DATABASE_URL is unset, the
 * Twilio sandbox when there are no Twilio credentials — applies migrations, seeds an empty
 * database, starts Next.js and prints where everything is. Ctrl-C stops all of it; if any part
 * dies, the rest is stopped and the launcher exits with its code.
 */
import fs from "node:fs";
import path from "node:path";
import { assertRunnable, EnvError, parseEnv, type Env } from "@/lib/env";
import { seedDatabase } from "@/prisma/seed";
import { loadDotEnv } from "./lib/dotenv";
import { startEmbeddedDb } from "./lib/embedded-db";
import { installSignalHandlers, run, shutdown, supervise, waitFor } from "./lib/processes";
import { provisionSandbox } from "./lib/provision-sandbox";
import { startSandboxIfNeeded } from "./lib/sandbox-hook";
import { localAuthSecret } from "./lib/secrets";

type Command = "dev" | "start";

function readConfig(command: Command): Env {
  loadDotEnv();
  (process.env as Record<string, string>).NODE_ENV = command === "dev" ? "development" : "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  try {
    const config = parseEnv(process.env);
    assertRunnable(config);
    return config;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  const command = (process.argv[2] ?? "dev") as Command;
  if (command !== "dev" && command !== "start") {
    console.error("usage: tsx scripts/launch.ts dev|start");
    process.exit(2);
  }
  const config = readConfig(command);
  installSignalHandlers();
  const bin = (name: string) => path.resolve("node_modules/.bin", name);

  // Secrets: production brings its own; local runs get a persistent generated one.
  let authSecret = config.AUTH_SECRET;
  if (!authSecret) {
    if (config.mode === "twilio" && config.isProduction) {
      console.error("AUTH_SECRET is required in production (at least 32 random characters).");
      process.exit(1);
    }
    authSecret = localAuthSecret(config.DATA_DIR);
  }

  let databaseUrl = config.DATABASE_URL;
  let databaseLabel = "Postgres (DATABASE_URL)";
  if (!databaseUrl) {
    const embedded = await startEmbeddedDb({ dataDir: config.DATA_DIR, port: config.EMBEDDED_DB_PORT, supervised: true });
    databaseUrl = embedded.url;
    databaseLabel = `embedded PGlite on 127.0.0.1:${config.EMBEDDED_DB_PORT} (data in ${config.DATA_DIR}/pglite)`;
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    NEXTAUTH_URL: config.PUBLIC_BASE_URL,
    NEXTAUTH_SECRET: authSecret,
    // PGlite is one session: the embedded server runs one request (or one open transaction) at a
    // time, so a few connections are all the app can use.
    ...(config.DATABASE_URL ? {} : { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "3" }),
  };

  await run(bin("prisma"), ["migrate", "deploy"], { env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
  const seeded = await seedDatabase(databaseUrl, config.DEMO_PASSWORD);

  const sandbox = await startSandboxIfNeeded(config, childEnv);

  if (command === "start" && !fs.existsSync(".next/BUILD_ID")) {
    console.log("No production build found; building (npm run build)…");
    await run(bin("next"), ["build"], { env: childEnv });
  }
  supervise("Next.js", bin("next"), [command, "-p", String(config.PORT)], { env: childEnv });

  const appUrl = `http://localhost:${config.PORT}`;
  await waitFor(async () => {
    try {
      const res = await fetch(`${appUrl}/api/health`);
      return res.status === 200 || res.status === 503;
    } catch {
      return false;
    }
  }, "Next.js to answer /api/health", 180_000);

  // After Next.js is up, so the workspace's event callbacks during provisioning (workers created,
  // activities set) reach the app and land in the database.
  if (sandbox) await provisionSandbox(config, databaseUrl, sandbox.url);

  const lines = [
    "",
    "  ┌─ Switchboard is running ─────────────────────────────────────",
    `  │ App        ${appUrl}`,
    `  │ Mode       ${config.mode === "sandbox" ? "sandbox (local Twilio emulator, no account needed)" : "Twilio"}`,
    ...(sandbox ? [`  │ Sandbox    ${sandbox.url}`] : []),
    `  │ Database   ${databaseLabel}${seeded === "seeded" ? " — seeded with demo data" : ""}`,
    "  │",
    "  │ Demo logins (password: " + config.DEMO_PASSWORD + ")",
    "  │   alice  agent (support, English/Spanish)",
    "  │   bob    agent (sales + support)",
    "  │   sam    supervisor",
    "  │   ada    admin",
    "  └─ Ctrl-C stops everything ────────────────────────────────────",
    "",
  ];
  console.log(lines.join("\n"));
}

main().catch((error: unknown) => {
  void shutdown(1, `Launcher failed: ${error instanceof Error ? error.message : String(error)}`);
});
