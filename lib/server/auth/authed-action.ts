import "server-only";
import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/server/logger";
import { hasRole, STAFF_ROLES, type Role } from "./roles";
import { getSessionUser } from "./session";
import type { SessionUser } from "./verify-credentials";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: string };

/**
 * Builds a server action that authenticates, checks the role, validates its input with zod and
 * returns a serialisable result instead of throwing to the client.
 */
export function authedAction<S extends z.ZodType, T>(
  options: { roles?: readonly Role[]; schema: S },
  handler: (input: z.output<S>, user: SessionUser) => Promise<T>,
) {
  const roles = options.roles ?? STAFF_ROLES;
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      if (!hasRole(user.role, roles)) throw new AppError("forbidden", "Your role does not allow this.");
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid input.");
      }
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal") logger.error({ err: error }, "server action failed");
      return { ok: false, error: appError.message, code: appError.code };
    }
  };
}
