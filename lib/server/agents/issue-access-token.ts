import "server-only";
/**
 * Issues the signed-in user's Voice, TaskRouter and Video tokens, rate-limited per user. The
 * response carries the mode and, in sandbox mode, where the browser SDKs reach the sandbox.
 * Voice and TaskRouter tokens live AGENT_TOKEN_TTL_SECONDS (the console refreshes them before
 * they expire); Video tokens are only needed to connect and keep the default hour.
 */
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { consumeRateLimit } from "@/lib/server/rate-limit/consume-rate-limit";
import { assertCanJoinRoom } from "@/lib/server/rooms/assert-can-join-room";
import { browserSandboxUrl, getResourceSid, getTwilioAccount } from "@/lib/server/twilio/config";
import { createVideoToken, createVoiceToken, createWorkerToken, type IssuedToken } from "@/lib/server/twilio/tokens";
import { videoIdentity } from "@/lib/video-identity";
import { clientIdentity } from "./identity";

export type TokenKind = "voice" | "worker" | "video";
export const TOKENS_PER_MINUTE = 30;

export interface TokenResponse extends IssuedToken {
  mode: "twilio" | "sandbox";
  sandbox?: { baseUrl: string };
}

export async function issueAccessToken(user: SessionUser, kind: TokenKind, options: { room?: string } = {}): Promise<TokenResponse> {
  const limit = await consumeRateLimit(`token:${kind}:${user.id}`, 60_000);
  if (limit.count > TOKENS_PER_MINUTE) throw new AppError("rate_limited", "Too many token requests. Wait a minute and try again.");

  const account = getTwilioAccount();
  const record = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, username: true, name: true, workerSid: true } });
  const identity = clientIdentity(record);
  let issued: IssuedToken;
  switch (kind) {
    case "voice":
      issued = createVoiceToken(account, identity, await getResourceSid("twimlAppSid"), { ttlSeconds: env.AGENT_TOKEN_TTL_SECONDS });
      break;
    case "worker": {
      if (!record.workerSid) throw new AppError("conflict", "Your agent profile is not set up in TaskRouter yet. Ask an administrator to run provisioning.");
      const role = user.role === "AGENT" ? "worker" : "supervisor";
      issued = createWorkerToken(account, identity, await getResourceSid("workspaceSid"), record.workerSid, role, { ttlSeconds: env.AGENT_TOKEN_TTL_SECONDS });
      break;
    }
    case "video": {
      if (!options.room) throw new AppError("bad_request", "Choose a room to join.");
      await assertCanJoinRoom(user, options.room);
      // Video identities carry the display name (lib/video-identity.ts): the other side sees only identities.
      issued = createVideoToken(account, videoIdentity(record.name, identity), options.room);
      break;
    }
  }
  const sandboxUrl = browserSandboxUrl();
  return { ...issued, mode: account.mode, ...(sandboxUrl ? { sandbox: { baseUrl: sandboxUrl } } : {}) };
}
