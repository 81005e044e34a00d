/**
 * Runs before every page request. It does two things only: sends signed-out users to the login
 * page, and sets the per-request CSP nonce. Authorisation is NOT done here: every page, route and
 * action checks the session and role itself (lib/server/auth).
 */
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { buildCsp } from "@/lib/server/http/security-headers";

/** Pages anyone may open without signing in. */
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/join\//];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;

  if (!PUBLIC_PATHS.some((p) => p.test(pathname))) {
    const token = await getToken({ req: request, secret: env.AUTH_SECRET, secureCookie: env.PUBLIC_BASE_URL.startsWith("https://") });
    if (!token) {
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(login);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildCsp({
    nonce,
    isDev: !env.isProduction,
    mode: env.mode,
    sandboxUrl: env.mode === "sandbox" ? env.SANDBOX_URL : undefined,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|fonts|sounds).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
