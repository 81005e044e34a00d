/**
 * The sandbox process: `tsx lib/sandbox/server/main.ts --port 3100 --data-dir .data --app-url http://localhost:3000`.
 *
 * Flags win over environment variables (SANDBOX_PORT, DATA_DIR, PUBLIC_BASE_URL). It refuses to
 * start when real Twilio credentials are configured: in that mode the app talks to Twilio, and a
 * sandbox next to it could only cause confusion.
 */
import { parseArgs } from "node:util";
import { credentialsPath } from "../core/credentials";
import { startSandbox, statePath } from "./start";

function fail(message: string): never {
  console.error(`[sandbox] ${message}`);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "app-url": { type: "string" },
      clock: { type: "string" },
      "no-persist": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(
      "usage: tsx lib/sandbox/server/main.ts [--port 3100] [--host 127.0.0.1] [--data-dir .data] [--app-url http://localhost:3000] [--clock real|manual] [--no-persist]",
    );
    return;
  }
  if (process.env.TWILIO_ACCOUNT_SID) {
    fail(
      "TWILIO_ACCOUNT_SID is set: real Twilio credentials are configured, so the sandbox refuses to start. Unset the TWILIO_* variables to use the sandbox.",
    );
  }
  const port = Number(values.port ?? process.env.SANDBOX_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a port number, got ${values.port}`);
  const dataDir = values["data-dir"] ?? process.env.DATA_DIR ?? ".data";
  const appUrl = values["app-url"] ?? process.env.PUBLIC_BASE_URL ?? "http://localhost:3000";
  if (!/^https?:\/\//.test(appUrl)) fail(`--app-url must be an http(s) URL, got ${appUrl}`);
  const clockMode = values.clock ?? "real";
  if (clockMode !== "real" && clockMode !== "manual") fail("--clock must be real or manual");

  const running = await startSandbox({
    port,
    host: values.host,
    dataDir,
    appUrl,
    clockMode,
    persist: !values["no-persist"],
  });
  console.log(
    `[sandbox] listening on ${running.url} (account ${running.credentials.accountSid}, number ${running.credentials.phoneNumber}); ` +
      `credentials in ${credentialsPath(dataDir)}, state in ${statePath(dataDir)}; webhooks go to ${appUrl}`,
  );
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await running.close();
    } finally {
      process.exit(code);
    }
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGHUP", () => void stop(0));
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
