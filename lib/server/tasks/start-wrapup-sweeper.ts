import "server-only";
import { logger } from "@/lib/server/logger";
import { sweepWrapupTimeouts } from "./sweep-wrapup-timeouts";

const INTERVAL_MS = 5_000;
const globalForSweeper = globalThis as unknown as { switchboardSweeper?: NodeJS.Timeout };

/** Started once per server process by instrumentation.ts. */
export function startWrapupSweeper(): void {
  if (globalForSweeper.switchboardSweeper) return;
  const log = logger.child({ job: "wrapup-sweeper" });
  let running = false;
  globalForSweeper.switchboardSweeper = setInterval(() => {
    if (running) return;
    running = true;
    sweepWrapupTimeouts(log)
      .then(({ completed }) => {
        if (completed.length) log.info({ completed }, "ended overdue wrap-ups");
      })
      .catch((error: unknown) => log.warn({ err: error }, "wrap-up sweep failed"))
      .finally(() => {
        running = false;
      });
  }, INTERVAL_MS);
  globalForSweeper.switchboardSweeper.unref();
}
