/** Runs once when a Next.js server starts (dev or production). */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker, not app config
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Node-only start-up work lives in its own module so the Edge build never sees it.
    await import("./lib/server/startup");
  }
}
