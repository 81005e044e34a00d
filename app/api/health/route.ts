import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/server/health/check-health";

// Public on purpose (load balancers, the launcher, uptime checks): it reveals only status,
// mode and version.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, {
    status: health.db === "up" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
