import "server-only";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";
import { maskText, maskValue } from "./mask";

export type { Logger } from "pino";

function createLogger(): Logger {
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL,
    base: { service: "switchboard", mode: env.mode },
    formatters: {
      // Every structured field passes through the masker: phone numbers, bodies, secrets.
      log: (object) => maskValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === "string" ? maskText(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Pretty output in development as a synchronous stream (no worker thread, which Next.js
  // bundling does not support); JSON lines in production for log shippers.
  if (!env.isProduction && env.NODE_ENV !== "test") {
    return pino(options, pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service,mode" }));
  }
  return pino(options);
}

const globalForLogger = globalThis as unknown as { switchboardLogger?: Logger };
export const logger: Logger = (globalForLogger.switchboardLogger ??= createLogger());

/** A child logger carrying the request's id, method and path. */
export function requestLogger(request: Request, requestId: string = crypto.randomUUID()): Logger {
  const url = new URL(request.url);
  return logger.child({ requestId, method: request.method, path: url.pathname });
}
