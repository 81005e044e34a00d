import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { loginSchema } from "@/lib/validations/auth";
import { ROLES, type Role } from "./roles";
import { verifyCredentials } from "./verify-credentials";

/** Sessions last a working day; agents sign in once per shift. */
const SESSION_MAX_AGE_S = 12 * 60 * 60;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  useSecureCookies: env.PUBLIC_BASE_URL.startsWith("https://"),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Switchboard",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials ?? {});
        if (!parsed.success) {
          throw new Error(parsed.error.issues[0]?.message ?? "Enter your username and password.");
        }
        try {
          return await verifyCredentials(
            parsed.data.username,
            parsed.data.password,
            clientAddress(req?.headers as Record<string, unknown> | undefined),
          );
        } catch (error) {
          // next-auth passes an Error's message to the client as `error`; keep it human.
          if (isAppError(error)) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; username: string; name: string; role: Role };
        token.sub = u.id;
        token.username = u.username;
        token.name = u.name;
        token.role = u.role;
      }
      return token;
    },
    session({ session, token }) {
      const role = ROLES.includes(token.role as Role) ? (token.role as Role) : "AGENT";
      session.user = {
        id: token.sub ?? "",
        username: String(token.username ?? ""),
        name: token.name ?? "",
        role,
      };
      return session;
    },
  },
};
