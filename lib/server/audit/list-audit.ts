import "server-only";
import { db } from "@/lib/server/db";

export async function listAudit(options: { limit?: number; before?: Date } = {}) {
  return db.auditLog.findMany({
    where: options.before ? { createdAt: { lt: options.before } } : {},
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, action: true, targetType: true, targetId: true, details: true, createdAt: true, actor: { select: { name: true, username: true } } },
  });
}
