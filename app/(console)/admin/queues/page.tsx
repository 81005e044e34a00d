import type { Metadata } from "next";
import { QueueForm } from "@/components/admin/queue-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listQueues } from "@/lib/server/queues/update-queue";

export const metadata: Metadata = { title: "Queues" };

export default async function QueuesPage() {
  await requireRole(ADMIN_ROLES);
  const queues = await listQueues();
  return (
    <Card>
      <CardHeader title="Queues" description="Service-level threshold, overflow timeout and priority per queue. Calls that wait past the overflow time move to the default queue." />
      <ul className="divide-y divide-slate-100">
        {queues.map((q) => (
          <li key={q.id} className="space-y-2 px-5 py-4">
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span className="font-medium text-slate-900">{q.name}</span>
              {q.isDefault ? <Badge tone="info">default</Badge> : null}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{q.targetWorkers}</code>
              <span className="text-xs text-slate-500">{q.taskQueueSid ?? "not provisioned yet"}</span>
            </div>
            <QueueForm queue={q} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
