/**
 * Server start-up checks, run once per Node.js server process from instrumentation.ts.
 */
import { assertRunnable, env, EnvError } from "@/lib/env";

try {
  assertRunnable(env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  // A server that must not run should not half-run: stop before serving anything.
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// Wrap-up deadlines are enforced by the server, not the browser (lib/server/tasks).
if (env.DATABASE_URL) {
  const { startWrapupSweeper } = await import("./tasks/start-wrapup-sweeper");
  startWrapupSweeper();
}
