import type { Metadata } from "next";
import { RecentCallsTable } from "@/components/calls/recent-calls-table";
import { LiveDashboard } from "@/components/supervisor/live/live-dashboard";
import { Card, CardHeader } from "@/components/ui/card";
import { formatTime } from "@/lib/format";
import { listRecentCalls } from "@/lib/server/calls/list-recent-calls";
import { getLiveSnapshot } from "@/lib/server/supervisor/live-snapshot";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Supervisor" };

export default async function SupervisorPage() {
  await requireRole(SUPERVISOR_ROLES);
  const [snapshot, calls, timeZone] = await Promise.all([getLiveSnapshot(), listRecentCalls({ limit: 15 }), getBusinessTimezone()]);
  return (
    <div className="space-y-6">
      <LiveDashboard initial={snapshot} timeZoneLabel={`${formatTime(snapshot.since, timeZone)} (${timeZone})`} />
      <Card>
        <CardHeader title="Latest calls" />
        <RecentCallsTable calls={calls} showAgent timeZone={timeZone} />
      </Card>
    </div>
  );
}
