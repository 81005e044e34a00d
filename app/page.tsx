import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/server/auth/roles";
import { requireUser } from "@/lib/server/auth/session";

export default async function HomePage() {
  const user = await requireUser();
  redirect(homePathFor(user.role));
}
