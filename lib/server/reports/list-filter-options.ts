import "server-only";
import { db } from "@/lib/server/db";

/** Queues and agents for filter dropdowns. */
export async function listFilterOptions() {
  const [queues, agents] = await Promise.all([
    db.queue.findMany({ orderBy: { priority: "desc" }, select: { key: true, name: true } }),
    db.user.findMany({ where: { role: { in: ["AGENT", "SUPERVISOR"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { queues, agents };
}
