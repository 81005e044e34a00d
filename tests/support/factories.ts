/** Test data built through the real database, and real session cookies for route handlers. */
import bcrypt from "bcryptjs";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/server/auth/roles";

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const TEST_PASSWORD = "correct-horse-battery";
const passwordHash = bcrypt.hashSync(TEST_PASSWORD, 4);

export async function createUser(role: Role = "AGENT", overrides: { disabled?: boolean; skills?: string[] } = {}) {
  const username = uniqueName(role.toLowerCase());
  return db.user.create({
    data: {
      username,
      email: `${username}@example.test`,
      name: `Test ${role.toLowerCase()}`,
      role,
      passwordHash,
      disabled: overrides.disabled ?? false,
      skills: overrides.skills ?? [],
      languages: ["en"],
    },
  });
}

/** A `Cookie` header carrying a session exactly as next-auth issues it. */
export async function sessionCookie(user: { id: string; username: string; name: string; role: Role }): Promise<string> {
  const token = await encode({
    token: { sub: user.id, username: user.username, name: user.name, role: user.role },
    secret: process.env.AUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}

export function authedRequest(url: string, cookie: string, init: RequestInit = {}): Request {
  return new Request(new URL(url, "http://localhost:3000"), {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie },
  });
}
