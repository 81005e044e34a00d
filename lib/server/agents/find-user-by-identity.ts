import "server-only";
import { db } from "@/lib/server/db";
import { identityLookup } from "./identity";

/** The active (not disabled) user behind a Voice identity or `client:<identity>` address. */
export async function findUserByIdentity(identityOrAddress: string) {
  const lookup = identityLookup(identityOrAddress);
  if (!lookup) return null;
  const user = await db.user.findUnique({
    where: lookup,
    select: { id: true, username: true, name: true, role: true, disabled: true, workerSid: true },
  });
  return user && !user.disabled ? user : null;
}
