/**
 * TaskRouter API errors, answered in Twilio's legacy body `{code, message, more_info, status}`
 * (contract §7.1: an RFC 9457 body would change the exception class in twilio-node).
 */
import { SandboxError } from "../core/rest";

/** A SandboxError (the core answers it with the legacy body too) with TaskRouter's helpers. */
export class TaskRouterApiError extends SandboxError {
  constructor(status: number, code: number, message: string) {
    super(status, code, message);
    this.name = "TaskRouterApiError";
  }

  get body(): { code: number; message: string; more_info: string; status: number } {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export function notFound(resource: string, sid: string): TaskRouterApiError {
  return new TaskRouterApiError(
    404,
    20404,
    `The requested resource /${resource}/${sid} was not found`,
  );
}

/** 400 with Twilio's generic invalid-parameter code. */
export function invalid(message: string): TaskRouterApiError {
  return new TaskRouterApiError(400, 20001, message);
}

export function conflict(message: string): TaskRouterApiError {
  return new TaskRouterApiError(409, 20409, message);
}
