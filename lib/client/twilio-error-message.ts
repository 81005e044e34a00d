/**
 * Twilio error codes (Voice SDK TwilioError, TaskRouter SDK errors, REST) turned into sentences an
 * agent can act on, in one place. Codes: https://www.twilio.com/docs/api/errors
 */
const MESSAGES: Record<number, string> = {
  20101: "Your softphone's access token is invalid. Reload the page to sign in again.",
  20104: "Your softphone's access token expired. Reconnecting…",
  20151: "Your softphone's access token expired. Reconnecting…",
  20157: "Your softphone's access token expired. Reconnecting…",
  31000: "The softphone hit an unexpected error. Try again.",
  31005: "The connection to the call service was lost. Reconnecting…",
  31008: "The call was cancelled before it connected.",
  31009: "The softphone could not reach the call service. Check your network.",
  31201: "Your microphone could not be opened. Check that no other app is using it.",
  31208: "The browser was not allowed to use your microphone. Allow microphone access for this site.",
  31401: "The browser was not allowed to use your microphone. Allow microphone access for this site.",
  31402: "No microphone was found. Plug one in and try again.",
  31480: "The other party is busy.",
  31486: "The other party is busy.",
  31603: "The call was declined.",
  53000: "The call's media connection failed. Check your network.",
  53405: "The call's media connection failed. Check your network (firewall or VPN).",
};

function codeOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "number") return code;
  if (typeof code === "string" && /^\d+$/.test(code)) return Number(code);
  return null;
}

/** A readable message for anything the SDKs or our routes throw. */
export function twilioErrorMessage(error: unknown, fallback = "Something went wrong. Try again."): string {
  const code = codeOf(error);
  if (code !== null && MESSAGES[code]) return MESSAGES[code];
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message || fallback;
  }
  return fallback;
}
