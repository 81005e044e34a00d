import "server-only";
/**
 * Which video rooms a signed-in user may join. Staff may join `insp-<inspectionId>` when that
 * inspection exists and is not canceled. (The video console extends this with its own rules.)
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";

export async function assertCanJoinRoom(_user: SessionUser, roomName: string): Promise<void> {
  const match = /^insp-([a-z0-9]{8,40})$/i.exec(roomName);
  if (!match) throw new AppError("bad_request", "That is not a room you can join.");
  const inspection = await db.inspection.findUnique({ where: { id: match[1] }, select: { status: true } });
  if (!inspection) throw new AppError("not_found", "That inspection does not exist.");
  if (inspection.status === "canceled") throw new AppError("forbidden", "That inspection was canceled.");
}
