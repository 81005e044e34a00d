import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listAudit } from "@/lib/server/audit/list-audit";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requireRole(ADMIN_ROLES);
  const [entries, timeZone] = await Promise.all([listAudit({ limit: 200 }), getBusinessTimezone()]);
  return (
    <Card>
      <CardHeader title="Audit log" description="Privileged actions: user changes, settings, call control, exports. Newest first." />
      {entries.length === 0 ? (
        <EmptyState title="Nothing audited yet" />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="audit-log">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr><th className="px-5 py-2">When</th><th className="px-3 py-2">Who</th><th className="px-3 py-2">Action</th><th className="px-3 py-2">Target</th><th className="px-5 py-2">Details</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-5 py-2 text-slate-600">{formatDateTime(e.createdAt, timeZone)}</td>
                  <td className="px-3 py-2">{e.actor?.name ?? "system"}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-2 text-slate-600">{e.targetType ?? "—"}</td>
                  <td className="max-w-md truncate px-5 py-2 font-mono text-xs text-slate-500" title={e.details ? JSON.stringify(e.details) : undefined}>
                    {e.details ? JSON.stringify(e.details) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
