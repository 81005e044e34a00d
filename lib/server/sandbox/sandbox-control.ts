import "server-only";
/**
 * The app's side of the sandbox console: the browser reaches the sandbox's control API
 * (docs/SANDBOX.md, 127.0.0.1 only, unauthenticated) only through these calls, behind the app's
 * sign-in. Sandbox mode only: in Twilio mode there is no sandbox, and the console is a 404.
 */
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db";
import { clearActivityCache } from "@/lib/server/agents/activity-sids";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { clearTwilioSidCache, getTwilioAccount } from "@/lib/server/twilio/config";
import { provisionTwilio } from "@/lib/server/twilio/provision/provision-twilio";

export function assertSandboxMode(): void {
  if (env.mode !== "sandbox") throw new AppError("not_found", "The sandbox console exists only in sandbox mode.");
}

/** One request to the sandbox control API; its JSON answer, or an AppError the console can show. */
export async function sandboxControl<T>(method: "GET" | "POST", path: `/sandbox/${string}`, body?: unknown): Promise<T> {
  assertSandboxMode();
  let res: Response;
  try {
    res = await fetch(`${env.SANDBOX_URL}${path}`, {
      method,
      cache: "no-store",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new AppError("unavailable", `The sandbox is not answering at ${env.SANDBOX_URL}. The launcher starts it with npm run dev.`);
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as T & { message?: string }) : ({} as T & { message?: string });
  if (!res.ok) throw new AppError(res.status === 404 ? "not_found" : "bad_request", data.message ?? `The sandbox answered ${res.status}.`);
  return data;
}

/**
 * Resets the sandbox and provisions it again: a reset drops the workspace, workers, TwiML App and
 * the number's webhooks, which the app needs to take calls (the launcher provisions on start).
 */
export async function resetSandbox(): Promise<{ workspaceSid: string }> {
  await sandboxControl("POST", "/sandbox/reset");
  const result = await provisionTwilio({
    client: getTwilioClient(),
    db,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    phoneNumber: getTwilioAccount().phoneNumber,
  });
  clearTwilioSidCache();
  clearActivityCache();
  return { workspaceSid: result.workspaceSid };
}
