/**
 * Scenario helpers for sandbox tests: point the business number at the recorder app, place a
 * scripted inbound call, press keys, say things, hang up — through the control API, as the CLI
 * and the console do.
 */
import type { TestSandbox } from "./test-sandbox";

export async function control<T = unknown>(
  s: { url: string },
  path: string,
  body?: unknown,
  method = "POST",
): Promise<T> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
  if (!res.ok)
    throw Object.assign(new Error(`${method} ${path} → ${res.status} ${text}`), {
      status: res.status,
      body: parsed,
    });
  return parsed;
}

/** Points the business number's voice/SMS webhooks at the recorder's paths. */
export async function routeNumber(
  s: TestSandbox,
  paths: { voice?: string; status?: string; sms?: string; voiceFallback?: string },
) {
  const [number] = await s.client.incomingPhoneNumbers.list({
    phoneNumber: s.credentials.phoneNumber,
  });
  await s.client.incomingPhoneNumbers(number!.sid).update({
    voiceUrl: paths.voice ? `${s.app.url}${paths.voice}` : "",
    statusCallback: paths.status ? `${s.app.url}${paths.status}` : "",
    smsUrl: paths.sms ? `${s.app.url}${paths.sms}` : "",
    voiceFallbackUrl: paths.voiceFallback ? `${s.app.url}${paths.voiceFallback}` : "",
  });
}

export async function placeCall(
  s: TestSandbox,
  from = "+12025550111",
  to?: string,
): Promise<string> {
  const call = await control<{ sid: string }>(s, "/sandbox/calls", {
    from,
    to: to ?? s.credentials.phoneNumber,
  });
  await s.settle();
  return call.sid;
}

export async function press(s: TestSandbox, callSid: string, digits: string) {
  await control(s, `/sandbox/calls/${callSid}/digits`, { digits });
  await s.settle();
}

export async function say(s: TestSandbox, callSid: string, text: string) {
  await control(s, `/sandbox/calls/${callSid}/speech`, { text });
  await s.settle();
}

export async function hangup(s: TestSandbox, callSid: string) {
  await control(s, `/sandbox/calls/${callSid}/hangup`, {});
  await s.settle();
}

export const twiml = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
