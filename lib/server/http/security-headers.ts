/**
 * Security headers and the Content Security Policy. The CSP allows only this app, the hosts the
 * Twilio browser SDKs talk to (or the local sandbox in sandbox mode), and scripts carrying the
 * per-request nonce.
 */
import type { Mode } from "@/lib/env";

export interface CspOptions {
  nonce: string;
  isDev: boolean;
  mode: Mode;
  /** Sandbox origin (http://host:port) the browser SDKs connect to in sandbox mode. */
  sandboxUrl?: string;
}

// Voice SDK signalling (voice-js.roaming.twilio.com), insights (eventgw), TaskRouter event
// bridge (event-bridge.twilio.com), Video signalling (global.vss.twilio.com) and TURN/ECS hosts.
const TWILIO_CONNECT = ["https://*.twilio.com", "wss://*.twilio.com"];
// Voice SDK ringtones and DTMF sounds.
const TWILIO_MEDIA = ["https://sdk.twilio.com", "https://media.twiliocdn.com"];

function sandboxOrigins(sandboxUrl: string | undefined): string[] {
  if (!sandboxUrl) return [];
  const url = new URL(sandboxUrl);
  const hosts = new Set([url.hostname, "localhost", "127.0.0.1"]);
  return [...hosts].flatMap((h) => [`http://${h}:${url.port}`, `ws://${h}:${url.port}`]);
}

export function buildCsp({ nonce, isDev, mode, sandboxUrl }: CspOptions): string {
  const connect = ["'self'", ...(mode === "twilio" ? TWILIO_CONNECT : sandboxOrigins(sandboxUrl))];
  const media = ["'self'", "blob:", "data:", ...(mode === "twilio" ? TWILIO_MEDIA : sandboxOrigins(sandboxUrl).filter((o) => o.startsWith("http")))];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDev ? ["'unsafe-eval'"] : [])],
    // React style attributes (charts, progress bars) need inline styles; scripts stay nonce-only.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:", "data:"],
    "font-src": ["'self'"],
    "connect-src": isDev ? [...connect, "ws://localhost:*", "ws://127.0.0.1:*"] : connect,
    "media-src": media,
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers sent on every response (the CSP is added per request by the proxy). */
export function securityHeaders(options: { https: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(self), microphone=(self), display-capture=(self), speaker-selection=(self), geolocation=(), payment=(), usb=()",
    },
    ...(options.https
      ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
      : []),
  ];
}
