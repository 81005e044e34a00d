import "server-only";
/**
 * The waiting room: a guest with a valid invite asks to join; staff admit or deny; the guest's
 * browser polls with its own secret key and, once admitted, gets a Video token for that
 * inspection's room only (identity `<name> · guest-<id>`).
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { browserSandboxUrl, getTwilioAccount } from "@/lib/server/twilio/config";
import { createVideoToken } from "@/lib/server/twilio/tokens";
import { videoIdentity } from "@/lib/video-identity";
import { ensureInspectionRoom, inspectionRoomName } from "./inspection-room";
import { hashSecret } from "./invite-token";
import { inviteRefusal, resolveInvite } from "./invites";

export type JoinStatus =
  | { status: "waiting" | "denied"; requestId: string }
  | { status: "admitted"; requestId: string; room: string; token: string; identity: string; mode: "twilio" | "sandbox"; sandbox?: { baseUrl: string } };

export async function createJoinRequest(token: string, input: { displayName: string; key: string }): Promise<JoinStatus> {
  const resolved = await resolveInvite(token, { forNewJoin: true });
  if (resolved.state !== "valid" || !resolved.invite) throw new AppError("forbidden", inviteRefusal(resolved.state).title, { state: resolved.state });
  const inviteId = resolved.invite.id;
  const id = randomUUID().replace(/-/g, "").slice(0, 20);
  // Counting the use and creating the request in one statement pair under a row condition, so
  // two guests racing for the last use cannot both get in.
  const created = await db.$transaction(async (tx) => {
    const counted = await tx.inspectionInvite.updateMany({ where: { id: inviteId, revokedAt: null, uses: { lt: resolved.invite!.maxUses } }, data: { uses: { increment: 1 }, lastUsedAt: new Date() } });
    if (counted.count === 0) return null;
    return tx.inspectionJoinRequest.create({
      data: { id, inviteId, displayName: input.displayName, identity: videoIdentity(input.displayName, `guest-${id}`), keyHash: hashSecret(input.key) },
      select: { id: true },
    });
  });
  if (!created) throw new AppError("forbidden", inviteRefusal("used-up").title, { state: "used-up" });
  await publish("inspection.waiting", { inspectionId: resolved.invite.inspectionId });
  return { status: "waiting", requestId: created.id };
}

export async function getJoinStatus(token: string, requestId: string, key: string): Promise<JoinStatus> {
  const resolved = await resolveInvite(token);
  if (resolved.state !== "valid" || !resolved.invite) throw new AppError("forbidden", inviteRefusal(resolved.state).title, { state: resolved.state });
  const request = await db.inspectionJoinRequest.findUnique({ where: { id: requestId }, select: { id: true, inviteId: true, keyHash: true, status: true, identity: true } });
  // The request must belong to this very link: a request made through one invite cannot be
  // collected through another (another room).
  if (!request || request.inviteId !== resolved.invite.id || request.keyHash !== hashSecret(key)) throw new AppError("not_found", "We could not find your request to join. Open the invite link again.");
  if (request.status !== "admitted") return { status: request.status === "denied" ? "denied" : "waiting", requestId: request.id };
  const room = inspectionRoomName(resolved.invite.inspectionId);
  await ensureInspectionRoom(resolved.invite.inspectionId);
  const account = getTwilioAccount();
  const issued = createVideoToken(account, request.identity, room);
  const sandboxUrl = browserSandboxUrl();
  return { status: "admitted", requestId: request.id, room, token: issued.token, identity: issued.identity, mode: account.mode, ...(sandboxUrl ? { sandbox: { baseUrl: sandboxUrl } } : {}) };
}

export interface WaitingGuest {
  id: string;
  displayName: string;
  identity: string;
  createdAt: Date;
}

export async function listWaitingGuests(inspectionId: string): Promise<WaitingGuest[]> {
  return db.inspectionJoinRequest.findMany({
    where: { status: "waiting", invite: { inspectionId, revokedAt: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, displayName: true, identity: true, createdAt: true },
  });
}

export async function decideJoinRequest(actor: SessionUser, inspectionId: string, requestId: string, decision: "admit" | "deny"): Promise<void> {
  const result = await db.inspectionJoinRequest.updateMany({
    where: { id: requestId, status: "waiting", invite: { inspectionId } },
    data: { status: decision === "admit" ? "admitted" : "denied", decidedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("not_found", "That guest is no longer waiting.");
  await recordAudit({ actorId: actor.id, action: `inspection.guest.${decision}`, targetType: "InspectionJoinRequest", targetId: requestId, details: { inspectionId } });
}
