import "server-only";
/**
 * Invite links for people without an account (external inspectors, customers): signed, expiring,
 * revocable, limited in uses, and bound to one inspection's room.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { publicUrl } from "@/lib/server/twilio/urls";
import type { CreateInviteInput } from "@/lib/validations/inspections";
import { hashSecret, signInviteToken, verifyInviteToken } from "./invite-token";

export async function createInvite(actor: SessionUser, input: CreateInviteInput): Promise<{ id: string; url: string; expiresAt: Date }> {
  const inspection = await db.inspection.findUnique({ where: { id: input.inspectionId }, select: { status: true } });
  if (!inspection) throw new AppError("not_found", "That inspection does not exist.");
  if (inspection.status === "completed" || inspection.status === "canceled") throw new AppError("conflict", "This inspection is over; invite links can no longer be created.");
  const id = randomUUID().replace(/-/g, "");
  const expiresAt = new Date(Date.now() + input.validHours * 3_600_000);
  const token = signInviteToken({ inviteId: id, inspectionId: input.inspectionId, expiresAt });
  await db.inspectionInvite.create({
    data: { id, inspectionId: input.inspectionId, displayName: input.displayName, tokenHash: hashSecret(token), expiresAt, maxUses: input.maxUses, createdById: actor.id },
  });
  await recordAudit({ actorId: actor.id, action: "inspection.invite.create", targetType: "InspectionInvite", targetId: id, details: { inspectionId: input.inspectionId } });
  return { id, url: publicUrl(`/join/${token}`), expiresAt };
}

export async function revokeInvite(actor: SessionUser, inspectionId: string, inviteId: string): Promise<void> {
  const result = await db.inspectionInvite.updateMany({ where: { id: inviteId, inspectionId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw new AppError("not_found", "That invite does not exist or is already revoked.");
  // Guests still waiting behind the revoked link are turned away.
  await db.inspectionJoinRequest.updateMany({ where: { inviteId, status: "waiting" }, data: { status: "denied", decidedAt: new Date() } });
  await recordAudit({ actorId: actor.id, action: "inspection.invite.revoke", targetType: "InspectionInvite", targetId: inviteId });
}

export type InviteState = "valid" | "invalid" | "expired" | "revoked" | "used-up" | "ended";

export interface ResolvedInvite {
  state: InviteState;
  invite?: { id: string; displayName: string; inspectionId: string; expiresAt: Date; uses: number; maxUses: number };
  inspection?: { id: string; subject: string; reference: string; scheduledAt: Date };
}

/**
 * What an invite token is worth now. `used-up` is reported only when `forNewJoin` (a guest who
 * already asked to join keeps polling with the same link).
 */
export async function resolveInvite(token: string, options: { forNewJoin?: boolean } = {}): Promise<ResolvedInvite> {
  const claims = verifyInviteToken(token);
  if (!claims) return { state: "invalid" };
  const row = await db.inspectionInvite.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true, displayName: true, inspectionId: true, expiresAt: true, revokedAt: true, uses: true, maxUses: true,
      inspection: { select: { id: true, subject: true, reference: true, scheduledAt: true, status: true } },
    },
  });
  if (!row || row.id !== claims.inviteId || row.inspectionId !== claims.inspectionId) return { state: "invalid" };
  const invite = { id: row.id, displayName: row.displayName, inspectionId: row.inspectionId, expiresAt: row.expiresAt, uses: row.uses, maxUses: row.maxUses };
  const inspection = { id: row.inspection.id, subject: row.inspection.subject, reference: row.inspection.reference, scheduledAt: row.inspection.scheduledAt };
  if (row.revokedAt) return { state: "revoked", invite, inspection };
  if (row.expiresAt.getTime() <= Date.now() || claims.expiresAt.getTime() <= Date.now()) return { state: "expired", invite, inspection };
  if (row.inspection.status === "completed" || row.inspection.status === "canceled") return { state: "ended", invite, inspection };
  if (options.forNewJoin && row.uses >= row.maxUses) return { state: "used-up", invite, inspection };
  return { state: "valid", invite, inspection };
}

/** Human explanation of a link that cannot be used. */
export function inviteRefusal(state: InviteState): { title: string; body: string } {
  switch (state) {
    case "expired": return { title: "This invite link has expired", body: "Ask the person who invited you for a new link." };
    case "revoked": return { title: "This invite link was withdrawn", body: "The organiser revoked it. Ask them for a new link if you still need to join." };
    case "used-up": return { title: "This invite link has been used up", body: "It was used the maximum number of times. Ask the organiser for a new link." };
    case "ended": return { title: "This inspection is over", body: "The inspection has ended, so the link can no longer be used." };
    default: return { title: "This invite link is not valid", body: "Check that you copied the whole link, or ask the organiser to send it again." };
  }
}
