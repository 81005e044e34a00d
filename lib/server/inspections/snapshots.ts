import "server-only";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";

/** Saves a frame captured from a participant's video to the inspection. */
export async function saveSnapshot(actor: SessionUser, inspectionId: string, input: { participant: string; image: string }): Promise<{ id: string }> {
  const match = /^data:(image\/(?:jpeg|png));base64,(.+)$/.exec(input.image);
  if (!match) throw new AppError("bad_request", "The snapshot is not an image.");
  const data = Buffer.from(match[2]!, "base64");
  if (data.length < 100) throw new AppError("bad_request", "The snapshot is empty.");
  const exists = await db.inspection.findUnique({ where: { id: inspectionId }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "That inspection does not exist.");
  const snapshot = await db.inspectionSnapshot.create({
    data: { inspectionId, participant: input.participant, contentType: match[1]!, data, takenById: actor.id },
    select: { id: true },
  });
  await publish("inspection.snapshot", { inspectionId, snapshotId: snapshot.id });
  return snapshot;
}

export async function loadSnapshot(inspectionId: string, snapshotId: string): Promise<{ contentType: string; data: Uint8Array } | null> {
  return db.inspectionSnapshot.findFirst({ where: { id: snapshotId, inspectionId }, select: { contentType: true, data: true } });
}
