import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";

/** A queue filter given as id or key → the queue id; unknown → 400. */
export async function resolveQueueId(queue: string | undefined): Promise<string | undefined> {
  if (!queue) return undefined;
  const found = await db.queue.findFirst({ where: { OR: [{ id: queue }, { key: queue }] }, select: { id: true } });
  if (!found) throw new AppError("bad_request", "That queue does not exist.");
  return found.id;
}
