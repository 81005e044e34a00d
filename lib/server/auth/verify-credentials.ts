import "server-only";
import bcrypt from "bcryptjs";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { consumeRateLimit, peekRateLimit, resetRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";
import type { Role } from "./roles";

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

const WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts allowed per username, and per client address, in one window. */
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

// Compared against when the username does not exist, so timing does not reveal which users exist.
const DUMMY_HASH = "$2b$10$02/Mx6YC3nPwmpa/3TbYq.eAqLjDYxHU7kTAcQb5kkd1PrmaHnDY6";

function minutesLeft(until: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
}

/**
 * Checks a sign-in attempt. Throws AppError with a message meant for the login form: wrong
 * credentials, a disabled account, or too many attempts.
 */
export async function verifyCredentials(
  usernameInput: string,
  password: string,
  clientAddress: string,
): Promise<SessionUser> {
  const username = usernameInput.trim().toLowerCase();
  const userKey = `login:user:${username}`;
  const addressKey = `login:addr:${clientAddress}`;

  for (const [key, max] of [[userKey, MAX_FAILURES_PER_USER], [addressKey, MAX_FAILURES_PER_ADDRESS]] as const) {
    const state = await peekRateLimit(key);
    if (state && state.count >= max) {
      throw new AppError(
        "rate_limited",
        `Too many sign-in attempts. Try again in ${minutesLeft(state.windowEndsAt)} minute(s).`,
      );
    }
  }

  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, username: true, name: true, role: true, passwordHash: true, disabled: true },
  });
  const valid = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);

  if (!user || !valid) {
    await consumeRateLimit(userKey, WINDOW_MS);
    await consumeRateLimit(addressKey, WINDOW_MS);
    logger.info({ username }, "sign-in failed: wrong credentials");
    throw new AppError("unauthenticated", "Wrong username or password.");
  }
  if (user.disabled) {
    logger.info({ username }, "sign-in refused: account disabled");
    throw new AppError("forbidden", "This account is disabled. Ask an administrator to enable it.");
  }

  await resetRateLimit(userKey);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, username: user.username, name: user.name, role: user.role };
}
