/**
 * The unmodified `twilio` npm client pointed at a sandbox, the way the app does it: a
 * RequestClient subclass that rewrites https://<sub>.twilio.com/<path> to <sandbox>/<sub>/<path>
 * (sub ∈ api, taskrouter, video) and refuses any other *.twilio.com host.
 */
import twilio from "twilio";
import type { RequestOptions } from "twilio/lib/base/RequestClient";

const SUBDOMAINS = new Set(["api", "taskrouter", "video"]);

export function rewriteTwilioUrl(uri: string, sandboxUrl: string): string {
  const url = new URL(uri);
  const match = /^([a-z]+)\.twilio\.com$/.exec(url.hostname);
  if (!match || !SUBDOMAINS.has(match[1]!))
    throw new Error(`Refusing to reach ${url.hostname} in sandbox mode`);
  return `${sandboxUrl.replace(/\/+$/, "")}/${match[1]}${url.pathname}${url.search}`;
}

export class SandboxRequestClient extends twilio.RequestClient {
  constructor(private readonly sandboxUrl: string) {
    super({ keepAlive: false });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUrl(opts.uri, this.sandboxUrl) });
  }
}

export function sandboxTwilioClient(
  sandboxUrl: string,
  credentials:
    | { accountSid: string; authToken: string }
    | { accountSid: string; apiKeySid: string; apiKeySecret: string },
) {
  const httpClient = new SandboxRequestClient(sandboxUrl);
  if ("apiKeySid" in credentials)
    return twilio(credentials.apiKeySid, credentials.apiKeySecret, {
      accountSid: credentials.accountSid,
      httpClient,
    });
  return twilio(credentials.accountSid, credentials.authToken, { httpClient });
}
