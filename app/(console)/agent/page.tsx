import type { Metadata } from "next";
import { MyWork } from "@/components/agent/my-work";
import { RecentCallsTable } from "@/components/calls/recent-calls-table";
import { AgentWorkspace } from "@/components/softphone/agent-workspace";
import { Card, CardHeader } from "@/components/ui/card";
import { listAgentToday } from "@/lib/server/calls/list-agent-today";
import { listRecentCalls } from "@/lib/server/calls/list-recent-calls";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { getSettings } from "@/lib/server/settings/get-settings";
import { listDispositions } from "@/lib/server/settings/dispositions";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage() {
  const user = await requireRole(STAFF_ROLES);
  const timeZone = await getBusinessTimezone();
  const [calls, today, settings, dispositions] = await Promise.all([
    listRecentCalls({ agentId: user.id, limit: 25 }),
    listAgentToday(user.id, timeZone),
    getSettings(),
    listDispositions({ activeOnly: true }),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Agent workspace</h1>
      <AgentWorkspace
        userId={user.id}
        dispositions={dispositions.map((d) => ({ code: d.code, label: d.label }))}
        recording={{ inbound: settings.recordInbound, outbound: settings.recordOutbound }}
      >
        <MyWork day={today} timeZone={timeZone} />
        <Card>
          <CardHeader title="My recent calls" description="Calls you handled, newest first." />
          <RecentCallsTable calls={calls} timeZone={timeZone} callBack />
        </Card>
      </AgentWorkspace>
    </div>
  );
}
