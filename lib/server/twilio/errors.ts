/**
 * Twilio REST errors → readable AppErrors, in one place.
 * https://www.twilio.com/docs/api/errors
 */
import { AppError, type ErrorCode } from "@/lib/errors";

const MESSAGES: Record<number, [ErrorCode, string]> = {
  20003: ["unavailable", "Twilio refused our credentials. Check the API key and account SID."],
  20404: ["not_found", "Twilio no longer has that call, task or resource (it may have ended)."],
  20429: ["rate_limited", "Twilio is rate-limiting us. Try again in a moment."],
  21210: ["bad_request", "The caller ID is not a verified number on this Twilio account."],
  21211: ["bad_request", "That phone number is not valid."],
  21214: ["bad_request", "That phone number cannot be reached."],
  21217: ["bad_request", "That phone number is not valid."],
  21608: ["bad_request", "Trial accounts can only call verified numbers."],
  21610: ["bad_request", "This recipient has opted out of messages (replied STOP)."],
  21614: ["bad_request", "That number cannot receive text messages."],
  20001: ["conflict", "Twilio could not apply this change in the call's current state."],
  20409: ["conflict", "Someone else changed this at the same time. Try again."],
  21220: ["conflict", "The call is not in progress any more."],
  40140: ["conflict", "The task is not in a state that allows this."],
  40152: ["bad_request", "The chosen agent is not in that task's queue."],
  40153: ["conflict", "The task was changed by someone else. Try again."],
};

interface TwilioLikeError {
  status?: number;
  code?: number;
  message?: string;
  moreInfo?: string;
}

export function isTwilioRestError(error: unknown): error is TwilioLikeError & Error {
  return error instanceof Error && typeof (error as TwilioLikeError).status === "number" && "moreInfo" in error;
}

/** Converts a twilio-node RestException (or a network failure) into an AppError with a readable message. */
export function toTwilioAppError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  if (isTwilioRestError(error)) {
    const mapped = error.code !== undefined ? MESSAGES[error.code] : undefined;
    const details = { twilioCode: error.code, twilioStatus: error.status };
    if (mapped && mapped[1]) return new AppError(mapped[0], `Could not ${action}: ${mapped[1]}`, details);
    if (error.status === 404) return new AppError("not_found", `Could not ${action}: Twilio has no such resource.`, details);
    if (error.status === 412) return new AppError("precondition_failed", `Could not ${action}: it changed meanwhile. Try again.`, details);
    if (error.status === 429) return new AppError("rate_limited", `Could not ${action}: Twilio is busy. Try again shortly.`, details);
    if (error.status !== undefined && error.status >= 500) {
      return new AppError("bad_gateway", `Could not ${action}: Twilio is having trouble. Try again shortly.`, details);
    }
    return new AppError("bad_request", `Could not ${action}: ${error.message ?? "Twilio rejected the request."}`, details);
  }
  const code = (error as { code?: string } | null)?.code;
  if (typeof code === "string" && /^E[A-Z]+/.test(code)) {
    return new AppError("bad_gateway", `Could not ${action}: Twilio could not be reached.`, { network: code });
  }
  if (error instanceof Error && error.name === "SandboxHostError") {
    return new AppError("internal", `Could not ${action}: ${error.message}`);
  }
  return new AppError("internal", `Could not ${action}. Please try again.`);
}

/** Runs a Twilio REST call and maps its failure. */
export async function twilioRequest<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toTwilioAppError(error, action);
  }
}
