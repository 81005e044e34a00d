import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CreateInspectionForm } from "@/components/video/create-inspection-form";
import { formatDateTime } from "@/lib/format";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listInspections } from "@/lib/server/inspections/list-inspections";
import { listStaff } from "@/lib/server/inspections/list-staff";

export const metadata: Metadata = { title: "Rooms" };

export default async function RoomsPage() {
  const user = await requireRole(STAFF_ROLES);
  const [inspections, staff] = await Promise.all([listInspections(), listStaff()]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Video inspections</h1>
      <Card>
        <CardHeader title="New inspection" description="A video room is opened for it; invite outside inspectors or customers with a link." />
        <CreateInspectionForm staff={staff} defaultAssigneeId={user.id} />
      </Card>
      <Card>
        <CardHeader title="Inspections" description="Scheduled, live and past video inspections." />
        {inspections.length === 0 ? (
          <EmptyState title="No inspections yet" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {inspections.map((i) => (
              <li key={i.id}>
                <Link href={`/rooms/${i.id}`} className="flex items-center justify-between gap-4 px-5 py-3 hover:bg-slate-50">
                  <div>
                    <p className="font-medium text-slate-900">{i.subject}</p>
                    <p className="text-sm text-slate-500">
                      {i.reference} · {formatDateTime(i.scheduledAt)}
                      {i.assigneeName ? ` · ${i.assigneeName}` : ""}
                      {i.participantCount > 0 ? ` · ${i.participantCount} joined` : ""}
                    </p>
                  </div>
                  <Badge tone={i.status === "completed" ? "success" : i.status === "live" ? "danger" : "info"}>{i.status}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
