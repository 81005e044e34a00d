import "server-only";
import { db } from "@/lib/server/db";

export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ role: "desc" }, { username: "asc" }],
    select: {
      id: true, username: true, name: true, email: true, role: true, disabled: true,
      skills: true, languages: true, voiceCapacity: true, workerSid: true, lastLoginAt: true,
    },
  });
}
export type UserListItem = Awaited<ReturnType<typeof listUsers>>[number];
