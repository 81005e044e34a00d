/**
 * The one place configuration is read. Everything else imports `env` from here.
 *
 * `next.config.ts` and the launcher import this module, so a bad value fails at start (and at
 * build), not on the first request that needs it. Never import it from client components: it
 * holds secrets.
 */
import { z } from "zod";

if (typeof window !== "undefined") {
  throw new Error("lib/env.ts is server-only: it must never be bundled for the browser.");
}

/** Variables that together switch the app from the sandbox to real Twilio. */
export const TWILIO_VARIABLES = [
  "TWILIO_ACCOUNT_SID",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_API_KEY_SID",
  "TWILIO_API_KEY_SECRET",
  "TWILIO_TWIML_APP_SID",
  "TWILIO_WORKSPACE_SID",
  "TWILIO_PHONE_NUMBER",
] as const;

const sid = (prefix: string, label: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}[0-9a-fA-F]{32}$`),
      `${label} must look like ${prefix}followed by 32 hex characters`,
    );

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: "PUBLIC_BASE_URL must be an absolute http(s) URL" })
      .refine((u) => /^https?:\/\//.test(u), "PUBLIC_BASE_URL must start with http:// or https://")
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string")
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  LIVE_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  AGENT_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(30, "AGENT_TOKEN_TTL_SECONDS must be at least 30 (the SDKs refresh 5-10 s before expiry)")
    .max(3600, "AGENT_TOKEN_TTL_SECONDS must be at most 3600")
    .default(3600),
  AUTH_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  ),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  SANDBOX_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  ALLOW_SANDBOX_IN_PRODUCTION: booleanish,
  DEMO_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  TWILIO_ACCOUNT_SID: z.preprocess(emptyAsUndefined, sid("AC", "TWILIO_ACCOUNT_SID").optional()),
  TWILIO_AUTH_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[0-9a-fA-F]{32}$/, "TWILIO_AUTH_TOKEN must be 32 hex characters").optional(),
  ),
  TWILIO_API_KEY_SID: z.preprocess(emptyAsUndefined, sid("SK", "TWILIO_API_KEY_SID").optional()),
  TWILIO_API_KEY_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, "TWILIO_API_KEY_SECRET looks too short").optional(),
  ),
  TWILIO_TWIML_APP_SID: z.preprocess(
    emptyAsUndefined,
    sid("AP", "TWILIO_TWIML_APP_SID").optional(),
  ),
  TWILIO_WORKSPACE_SID: z.preprocess(
    emptyAsUndefined,
    sid("WS", "TWILIO_WORKSPACE_SID").optional(),
  ),
  /** Optional: provisioning records the workflow SID in the database when this is unset. */
  TWILIO_WORKFLOW_SID: z.preprocess(
    emptyAsUndefined,
    sid("WW", "TWILIO_WORKFLOW_SID").optional(),
  ),
  TWILIO_PHONE_NUMBER: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, "TWILIO_PHONE_NUMBER must be in E.164 form, e.g. +15005550006")
      .optional(),
  ),
});

export type Mode = "twilio" | "sandbox";

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  twimlAppSid: string;
  workspaceSid: string;
  /** Optional in the environment; provisioning records it in the database otherwise. */
  workflowSid: string | undefined;
  phoneNumber: string;
}

export interface Env {
  NODE_ENV: "development" | "production" | "test";
  isProduction: boolean;
  mode: Mode;
  PORT: number;
  /** Where Twilio (or the sandbox) reaches the app; webhook signatures are checked against it. */
  PUBLIC_BASE_URL: string;
  DATABASE_URL: string | undefined;
  DATABASE_POOL_SIZE: number;
  /** A supervisor SSE stream is closed after this long; the browser reconnects (and re-authenticates) at once. */
  LIVE_STREAM_MAX_SECONDS: number;
  /** Lifetime of the agent console's Voice and TaskRouter access tokens; the browser refreshes them before expiry. */
  AGENT_TOKEN_TTL_SECONDS: number;
  AUTH_SECRET: string | undefined;
  LOG_LEVEL: string;
  DATA_DIR: string;
  EMBEDDED_DB_PORT: number;
  SANDBOX_PORT: number;
  /** Base URL of the local Twilio emulator (sandbox mode only). */
  SANDBOX_URL: string;
  ALLOW_SANDBOX_IN_PRODUCTION: boolean;
  DEMO_PASSWORD: string;
  /** Real Twilio credentials in twilio mode; null in sandbox mode. */
  twilio: TwilioCredentials | null;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates a raw environment. Pure: the launcher and tests call it with their own maps. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = baseSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const v = parsed.data;
  const problems: string[] = [];

  const present = TWILIO_VARIABLES.filter((k) => v[k] !== undefined);
  const missing = TWILIO_VARIABLES.filter((k) => v[k] === undefined);
  const mode: Mode = present.length > 0 ? "twilio" : "sandbox";
  if (mode === "twilio" && missing.length > 0) {
    problems.push(
      `Twilio mode is half-configured: ${present.join(", ")} set but ${missing.join(", ")} missing. ` +
        "Set all of them (see .env.example; `npm run twilio:provision` creates the workspace and TwiML App), " +
        "or unset them all to run against the local sandbox.",
    );
  }
  if (mode === "twilio" && !v.PUBLIC_BASE_URL) {
    problems.push(
      "PUBLIC_BASE_URL is required in Twilio mode: it is the https URL Twilio calls and signs.",
    );
  }
  if (problems.length > 0) throw new EnvError(problems);

  const publicBaseUrl = (v.PUBLIC_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, "");
  return {
    NODE_ENV: v.NODE_ENV,
    isProduction: v.NODE_ENV === "production",
    mode,
    PORT: v.PORT,
    PUBLIC_BASE_URL: publicBaseUrl,
    DATABASE_URL: v.DATABASE_URL,
    DATABASE_POOL_SIZE: v.DATABASE_POOL_SIZE,
    LIVE_STREAM_MAX_SECONDS: v.LIVE_STREAM_MAX_SECONDS,
    AGENT_TOKEN_TTL_SECONDS: v.AGENT_TOKEN_TTL_SECONDS,
    AUTH_SECRET: v.AUTH_SECRET,
    LOG_LEVEL: v.LOG_LEVEL ?? (v.NODE_ENV === "test" ? "silent" : "info"),
    DATA_DIR: v.DATA_DIR,
    EMBEDDED_DB_PORT: v.EMBEDDED_DB_PORT,
    SANDBOX_PORT: v.SANDBOX_PORT,
    SANDBOX_URL: (v.SANDBOX_URL ?? `http://127.0.0.1:${v.SANDBOX_PORT}`).replace(/\/+$/, ""),
    ALLOW_SANDBOX_IN_PRODUCTION: v.ALLOW_SANDBOX_IN_PRODUCTION,
    DEMO_PASSWORD: v.DEMO_PASSWORD ?? "switchboard-demo",
    twilio:
      mode === "twilio"
        ? {
            accountSid: v.TWILIO_ACCOUNT_SID!,
            authToken: v.TWILIO_AUTH_TOKEN!,
            apiKeySid: v.TWILIO_API_KEY_SID!,
            apiKeySecret: v.TWILIO_API_KEY_SECRET!,
            twimlAppSid: v.TWILIO_TWIML_APP_SID!,
            workspaceSid: v.TWILIO_WORKSPACE_SID!,
            workflowSid: v.TWILIO_WORKFLOW_SID,
            phoneNumber: v.TWILIO_PHONE_NUMBER!,
          }
        : null,
  };
}

/**
 * Refuses to *run* (not to build or type-check) the sandbox as a production server unless that
 * was explicitly allowed. Called by the launcher and by instrumentation.ts when Next.js starts.
 */
export function assertRunnable(config: Env): void {
  if (config.mode === "sandbox" && config.isProduction && !config.ALLOW_SANDBOX_IN_PRODUCTION) {
    throw new EnvError([
      "Refusing to run the sandbox with NODE_ENV=production. Configure Twilio (see .env.example), " +
        "or set ALLOW_SANDBOX_IN_PRODUCTION=true for a local demo of the production build.",
    ]);
  }
}

/** Returns a value the server cannot run without, or fails with a message naming it. */
export function requireEnv<K extends "DATABASE_URL" | "AUTH_SECRET">(key: K): string {
  const value = env[key];
  if (!value) {
    throw new EnvError([
      `${key} is not set. Start the app with \`npm run dev\` or \`npm start\` (the launcher provides it), or set it yourself.`,
    ]);
  }
  return value;
}

export const env: Env = parseEnv(process.env);
