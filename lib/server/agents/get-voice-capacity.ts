import "server-only";
import { db } from "@/lib/server/db";

/** How many voice calls the user may hold at once (their TaskRouter voice channel capacity). */
export async function getVoiceCapacity(userId: string): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { voiceCapacity: true } });
  return user?.voiceCapacity ?? 1;
}
