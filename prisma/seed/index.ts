/**
 * Seeds an empty database with demo users, reference data and two weeks of history.
 * Refuses to touch a database that already has users (use `npm run db:reset` to start over).
 *
 *   npm run db:seed
 */
import { createPrismaClient } from "@/lib/server/db/create-client";
import { seedHistory } from "./history";
import { DEMO_USERS, seedReference } from "./reference";

export async function seedDatabase(url: string, password: string): Promise<"seeded" | "skipped"> {
  const db = createPrismaClient(url, { poolSize: 2 });
  try {
    if ((await db.user.count()) > 0) return "skipped";
    await seedReference(db, password);
    const counts = await seedHistory(db);
    console.log(
      `Seeded ${DEMO_USERS.length} users, ${counts.calls} calls, ${counts.tasks} tasks, ${counts.voicemails} voicemails.`,
    );
    return "seeded";
  } finally {
    await db.$disconnect();
  }
}
