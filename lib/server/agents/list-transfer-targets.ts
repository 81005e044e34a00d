import "server-only";
/**
 * Who a call can be transferred to, for the in-call Transfer dialog: the other agents (and
 * supervisors who take calls) with a TaskRouter worker, each with their current activity from the
 * open activity interval, and the queues. Any signed-in staff member may read it; it carries
 * names and activities only.
 */
import { db } from "@/lib/server/db";

export interface TransferAgent {
  userId: string;
  name: string;
  /** The TaskRouter activity now (Available, Busy, Break, Wrap-up, Offline). */
  activity: string;
  /** Whether TaskRouter would offer them a transfer now. */
  available: boolean;
}

export interface TransferTargets {
  agents: TransferAgent[];
  queues: { key: string; name: string }[];
}

export async function listTransferTargets(selfId: string): Promise<TransferTargets> {
  const [users, queues] = await Promise.all([
    db.user.findMany({
      where: { role: { in: ["AGENT", "SUPERVISOR"] }, disabled: false, workerSid: { not: null }, id: { not: selfId } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.queue.findMany({ orderBy: [{ priority: "desc" }, { name: "asc" }], select: { key: true, name: true } }),
  ]);
  const intervals = await db.workerActivityInterval.findMany({
    where: { userId: { in: users.map((u) => u.id) }, endedAt: null },
    orderBy: { startedAt: "desc" },
    select: { userId: true, activityName: true },
  });
  const activity = new Map<string, string>();
  for (const i of intervals) if (i.userId && !activity.has(i.userId)) activity.set(i.userId, i.activityName);
  const agents = users.map((u) => {
    const now = activity.get(u.id) ?? "Offline";
    return { userId: u.id, name: u.name, activity: now, available: now === "Available" };
  });
  // Available agents first, then by name.
  agents.sort((a, b) => Number(b.available) - Number(a.available) || a.name.localeCompare(b.name));
  return { agents, queues };
}
