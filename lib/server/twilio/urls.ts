/**
 * Absolute webhook URLs on the public base URL (what Twilio calls and signs). Query values are
 * URL-safe tokens only (twilio-node cannot validate a query holding both `+` and `'`, #1183).
 */
import { env } from "@/lib/env";

export const TWILIO_ROUTES = {
  voiceIncoming: "/api/twilio/voice/incoming",
  voiceGather: "/api/twilio/voice/gather",
  voiceWait: "/api/twilio/voice/wait",
  voiceOutbound: "/api/twilio/voice/outbound",
  voiceStatus: "/api/twilio/voice/status",
  voiceRecording: "/api/twilio/voice/recording",
  voiceVoicemail: "/api/twilio/voice/voicemail",
  voiceConferenceStatus: "/api/twilio/voice/conference-status",
  holdMusic: "/api/twilio/voice/hold-music",
  assignment: "/api/twilio/taskrouter/assignment",
  taskrouterEvents: "/api/twilio/taskrouter/events",
  messagingIncoming: "/api/twilio/messaging/incoming",
  messagingStatus: "/api/twilio/messaging/status",
  videoStatus: "/api/twilio/video/status",
} as const;

export function publicUrl(path: string, query: Record<string, string | number | undefined> = {}, baseUrl: string = env.PUBLIC_BASE_URL): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}${path}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}
