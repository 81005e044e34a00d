import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listInspections } from "@/lib/server/inspections/list-inspections";

export const metadata: Metadata = { title: "Rooms" };

export default async function RoomsPage() {
  await requireRole(STAFF_ROLES);
  const inspections = await listInspections();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Video inspections</h1>
      <Card>
        <CardHeader title="Inspections" description="Scheduled, live and past video inspections." />
        {inspections.length === 0 ? (
          <EmptyState title="No inspections yet" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {inspections.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-4 px-5 py-3">
                <div>
                  <p className="font-medium text-slate-900">{i.subject}</p>
                  <p className="text-sm text-slate-500">
                    {i.reference} · {formatDateTime(i.scheduledAt)}
                    {i.assigneeName ? ` · ${i.assigneeName}` : ""}
                  </p>
                </div>
                <Badge tone={i.status === "completed" ? "success" : i.status === "live" ? "danger" : "info"}>{i.status}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
