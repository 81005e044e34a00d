import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { AppError, errorBody, toAppError, toHttpStatus } from "@/lib/errors";
import { requestLogger, type Logger } from "@/lib/server/logger";
import { hasRole, STAFF_ROLES, type Role } from "./roles";
import { getRequestUser } from "./session";
import type { SessionUser } from "./verify-credentials";

export interface AuthedContext<P> {
  user: SessionUser;
  params: P;
  log: Logger;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: 401 when signed out, 403 when the role is not allowed, AppError → its
 * HTTP status, anything else → 500 with a generic message (the details go to the log).
 */
export function withAuth<P = Record<string, never>>(
  handler: (request: NextRequest, context: AuthedContext<P>) => Promise<Response>,
  options: { roles?: readonly Role[] } = {},
) {
  const roles = options.roles ?? STAFF_ROLES;
  return async (incoming: Request, context: RouteContext<P>): Promise<Response> => {
    // Next.js passes a NextRequest; tests and internal callers may pass a plain Request. Wrap it
    // once, so the body is read from the same object the session cookie was read from.
    const request = incoming instanceof NextRequest ? incoming : new NextRequest(incoming);
    const log = requestLogger(request);
    try {
      const user = await getRequestUser(request);
      if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
      if (!hasRole(user.role, roles)) {
        throw new AppError("forbidden", "Your role does not allow this.");
      }
      const params = context?.params ? await context.params : ({} as P);
      return await handler(request, { user, params, log: log.child({ userId: user.id }) });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal") log.error({ err: error }, "route handler failed");
      return NextResponse.json(errorBody(appError), { status: toHttpStatus(appError.code) });
    }
  };
}
