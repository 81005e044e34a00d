import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { forbidden, redirect } from "next/navigation";
import { NextRequest } from "next/server";
import { cache } from "react";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db";
import { authOptions } from "./options";
import { hasRole, type Role } from "./roles";
import type { SessionUser } from "./verify-credentials";

/** Session cookies are `__Secure-` prefixed when the app is served over https. */
export const secureCookies = env.PUBLIC_BASE_URL.startsWith("https://");

/**
 * Re-reads the user so a disabled account or a changed role takes effect on the next request,
 * not when the session JWT expires.
 */
async function loadActiveUser(id: string | undefined): Promise<SessionUser | null> {
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, username: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, username: user.username, name: user.name, role: user.role };
}

/** The signed-in user in a page, layout or server action; null when signed out. Cached per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  return loadActiveUser(session?.user?.id);
});

/** The signed-in user of a route-handler request, read from the request's own session cookie. */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
  const req = request instanceof NextRequest ? request : new NextRequest(request);
  const token = await getToken({ req, secret: env.AUTH_SECRET, secureCookie: secureCookies });
  return loadActiveUser(token?.sub);
}

/** For pages and server actions: redirects signed-out users to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages: renders the 403 page when the user's role is not allowed. */
export async function requireRole(allowed: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user.role, allowed)) forbidden();
  return user;
}
