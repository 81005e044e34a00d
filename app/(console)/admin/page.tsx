import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/admin/reset-password-form";
import { UserAccessToggle } from "@/components/admin/user-access-toggle";
import { UserForm } from "@/components/admin/user-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const me = await requireRole(ADMIN_ROLES);
  const [users, timeZone] = await Promise.all([listUsers(), getBusinessTimezone()]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Users" description="Who can sign in, their role and routing skills. Changing skills updates routing at the next provisioning run." />
        <ul className="divide-y divide-slate-100">
          {users.map((u) => (
            <li key={u.id} data-testid={`user-row-${u.username}`} className="px-5 py-3">
              <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
                <div className="min-w-48">
                  <div className="font-medium text-slate-900">{u.name}</div>
                  <div className="text-xs text-slate-500">{u.username} · {u.email}</div>
                </div>
                <Badge>{u.role.toLowerCase()}</Badge>
                <span className="text-sm text-slate-600">Skills: {u.skills.join(", ") || "—"}</span>
                <span className="text-sm text-slate-600">Languages: {u.languages.join(", ") || "—"}</span>
                <span className="text-sm text-slate-500">Last sign-in {formatDateTime(u.lastLoginAt, timeZone)}</span>
                <div className="ml-auto flex items-center gap-2">
                  {u.disabled ? <Badge tone="danger">disabled</Badge> : null}
                  {u.id !== me.id ? <UserAccessToggle userId={u.id} username={u.username} disabled={u.disabled} /> : null}
                </div>
              </div>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-600">Edit {u.username}</summary>
                <div className="mt-3 space-y-4 rounded-md bg-slate-50 p-4">
                  <UserForm user={{ ...u, role: u.role }} />
                  <ResetPasswordForm userId={u.id} username={u.username} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <CardHeader title="Add a user" />
        <CardBody>
          <UserForm />
        </CardBody>
      </Card>
    </div>
  );
}
