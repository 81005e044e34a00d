/**
 * One HTTP request of a webhook delivery, with connect and read timeouts on the sandbox clock
 * (docs/twilio-contract.md §1.5) and Twilio's redirect limit (10, error 11215).
 */
import http from "node:http";
import https from "node:https";
import type { Clock, TimerHandle } from "./types";

export type AttemptFailure =
  | "ct" // could not connect in time, or the connection was refused/reset before a response
  | "rt" // no (complete) response in time
  | "dns" // bad host name
  | "redirects" // more than 10 redirects
  | "refused-host" // a *.twilio.com host: the sandbox never contacts Twilio
  | "too-large" // response body over the limit
  | "protocol"; // malformed URL or HTTP

export interface AttemptResult {
  url: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
  failure?: AttemptFailure;
  message?: string;
}

export interface AttemptOptions {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Absolute clock time at which the whole delivery must give up. */
  deadline: number;
  clock: Clock;
  maxBodyBytes?: number;
}

/** Hosts the sandbox must never reach (ARCHITECTURE.md §1: nothing reaches *.twilio.com). */
export function isTwilioHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "twilio.com" || host.endsWith(".twilio.com");
}

export async function httpAttempt(options: AttemptOptions): Promise<AttemptResult> {
  let url = options.url;
  let method = options.method;
  let body = options.body;
  for (let redirects = 0; ; redirects++) {
    const result = await single({ ...options, url, method, body });
    if (
      result.status === null ||
      result.status < 300 ||
      result.status >= 400 ||
      !result.headers.location
    )
      return result;
    if (redirects >= 10)
      return { ...result, failure: "redirects", message: "More than 10 redirects" };
    url = new URL(result.headers.location, url).toString();
    if (result.status !== 307 && result.status !== 308) {
      method = "GET";
      body = undefined;
    }
  }
}

function single(options: AttemptOptions): Promise<AttemptResult> {
  const { clock } = options;
  return new Promise<AttemptResult>((resolve) => {
    let target: URL;
    try {
      target = new URL(options.url);
    } catch {
      resolve({
        url: options.url,
        status: null,
        headers: {},
        body: "",
        failure: "protocol",
        message: `Invalid URL: ${options.url}`,
      });
      return;
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      resolve({
        url: options.url,
        status: null,
        headers: {},
        body: "",
        failure: "protocol",
        message: `Unsupported URL scheme ${target.protocol}`,
      });
      return;
    }
    if (isTwilioHost(target.hostname)) {
      resolve({
        url: options.url,
        status: null,
        headers: {},
        body: "",
        failure: "refused-host",
        message: `The sandbox never contacts ${target.hostname}: in sandbox mode nothing may reach a *.twilio.com host`,
      });
      return;
    }
    let settled = false;
    const timers: { connect?: TimerHandle; read?: TimerHandle; deadline?: TimerHandle } = {};
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timers.connect);
      clock.clearTimeout(timers.read);
      clock.clearTimeout(timers.deadline);
      resolve(result);
    };
    const fail = (failure: AttemptFailure, message: string, status: number | null = null) => {
      finish({ url: options.url, status, headers: {}, body: "", failure, message });
      request.destroy();
    };

    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined)
      headers["Content-Length"] = String(Buffer.byteLength(options.body));
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: options.method,
      headers,
      agent: false,
    });
    let connected = false;
    const armRead = () => {
      clock.clearTimeout(timers.read);
      timers.read = clock.setTimeout(
        () => fail("rt", `No response within ${options.readTimeoutMs} ms (read timeout)`),
        options.readTimeoutMs,
      );
    };
    timers.connect = clock.setTimeout(() => {
      if (!connected)
        fail("ct", `Could not connect within ${options.connectTimeoutMs} ms (connect timeout)`);
    }, options.connectTimeoutMs);
    timers.deadline = clock.setTimeout(
      () => fail(connected ? "rt" : "ct", "The total time allowed for the request ran out"),
      Math.max(0, options.deadline - clock.now()),
    );
    request.on("socket", (socket) => {
      const onConnect = () => {
        connected = true;
        clock.clearTimeout(timers.connect);
        armRead();
      };
      if (socket.connecting)
        socket.once(target.protocol === "https:" ? "secureConnect" : "connect", onConnect);
      else onConnect();
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN")
        fail("dns", `Bad host name ${target.hostname}`);
      else if (!connected) fail("ct", `Connection failed: ${error.code ?? error.message}`);
      else fail("rt", `Connection lost: ${error.code ?? error.message}`);
    });
    request.on("response", (response) => {
      armRead();
      const chunks: Buffer[] = [];
      let size = 0;
      const limit = options.maxBodyBytes ?? 1024 * 1024;
      response.on("data", (chunk: Buffer) => {
        armRead();
        size += chunk.length;
        if (size > limit) {
          fail(
            "too-large",
            `Response body larger than ${limit} bytes`,
            response.statusCode ?? null,
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(response.headers))
          if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(", ") : v;
        finish({
          url: options.url,
          status: response.statusCode ?? null,
          headers: flat,
          body: Buffer.concat(chunks).toString("utf-8"),
        });
      });
      response.on("error", (error) => fail("rt", `Response failed: ${error.message}`));
    });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}
