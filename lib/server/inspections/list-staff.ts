import "server-only";
import { db } from "@/lib/server/db";

/** Active staff an inspection can be assigned to. */
export async function listStaff(): Promise<{ id: string; name: string }[]> {
  return db.user.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
