/**
 * The one HTTP client every Twilio REST call goes through (a subclass of twilio-node's
 * RequestClient, plugged in with the `httpClient` option):
 * - retries per `retry-policy.ts`;
 * - in sandbox mode, rewrites `https://<sub>.twilio.com/<path>` to `<SANDBOX_URL>/<sub>/<path>`
 *   (sub ∈ api, taskrouter, video) and refuses every other host, so nothing can reach Twilio.
 *
 * No `server-only` guard: provisioning runs in the launcher process too.
 * https://www.twilio.com/docs/libraries/reference/twilio-node/ (custom HTTP client)
 */
import RequestClient from "twilio/lib/base/RequestClient";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  shouldRetryError,
  shouldRetryStatus,
  type RetryPolicy,
} from "./retry-policy";

import type Response from "twilio/lib/http/response";


const SANDBOX_SUBDOMAINS = new Set(["api", "taskrouter", "video"]);

export class SandboxHostError extends Error {
  constructor(uri: string) {
    super(`Refusing to send ${new URL(uri).host} a request in sandbox mode: only api, taskrouter and video are emulated.`);
    this.name = "SandboxHostError";
  }
}

/** Rewrites a Twilio URL onto the sandbox; throws for hosts the sandbox does not serve. */
export function rewriteForSandbox(uri: string, sandboxUrl: string): string {
  const url = new URL(uri);
  const match = /^([a-z0-9-]+)\.twilio\.com$/i.exec(url.hostname);
  if (!match || !SANDBOX_SUBDOMAINS.has(match[1]!.toLowerCase())) {
    if (url.hostname.endsWith("twilio.com")) throw new SandboxHostError(uri);
    // Already a sandbox URL (e.g. a rewritten paging link): leave it.
    if (uri.startsWith(sandboxUrl)) return uri;
    throw new SandboxHostError(uri);
  }
  return `${sandboxUrl.replace(/\/+$/, "")}/${match[1]!.toLowerCase()}${url.pathname}${url.search}`;
}

export interface SwitchboardHttpClientOptions {
  /** Set in sandbox mode: the sandbox's base URL. */
  sandboxUrl?: string;
  retry?: RetryPolicy;
  /** Injected in tests so backoff does not sleep. */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; method: string; uri: string; reason: string; delayMs: number }) => void;
  timeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SwitchboardHttpClient extends RequestClient {
  private readonly sandboxUrl?: string;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onRetry?: SwitchboardHttpClientOptions["onRetry"];

  constructor(options: SwitchboardHttpClientOptions = {}) {
    super({ timeout: options.timeoutMs ?? 15_000, keepAlive: true });
    this.sandboxUrl = options.sandboxUrl;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? defaultSleep;
    this.onRetry = options.onRetry;
  }

  /** The transport call, separate so tests can replace it. */
  protected send<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request(opts);
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const uri = this.sandboxUrl ? rewriteForSandbox(opts.uri, this.sandboxUrl) : opts.uri;
    const prepared = { ...opts, uri };
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      try {
        // A fresh headers object per attempt: RequestClient mutates it (Authorization, Connection).
        const result = await this.send({ ...prepared, headers: { ...(opts.headers ?? {}) } });
        if (attempt >= this.retry.maxRetries || !shouldRetryStatus(result.statusCode, opts.method, uri)) return result;
        reason = `HTTP ${result.statusCode}`;
      } catch (error) {
        if (attempt >= this.retry.maxRetries || !shouldRetryError(error, opts.method, uri)) throw error;
        reason = String((error as { code?: string }).code);
      }
      const delayMs = backoffDelayMs(attempt, this.retry);
      this.onRetry?.({ attempt: attempt + 1, method: opts.method, uri, reason, delayMs });
      await this.sleep(delayMs);
    }
  }
}
