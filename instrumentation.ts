/** Runs once when a Next.js server starts (dev or production). */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker, not app config
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, assertRunnable, EnvError } = await import("./lib/env");
  try {
    assertRunnable(env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // A server that must not run should not half-run: stop before serving anything.
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
