import type { Metadata } from "next";
import { UserAccessToggle } from "@/components/admin/user-access-toggle";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole(ADMIN_ROLES);
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Administration</h1>
      <Card>
        <CardHeader title="Users" description="Who can sign in, their role and routing skills." />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">User</th>
                <th scope="col" className="px-3 py-2">Role</th>
                <th scope="col" className="px-3 py-2">Skills</th>
                <th scope="col" className="px-3 py-2">Languages</th>
                <th scope="col" className="px-3 py-2">Last sign-in</th>
                <th scope="col" className="px-5 py-2 text-right">Access</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.username}`}>
                  <td className="px-5 py-2">
                    <div className="font-medium text-slate-900">{u.name}</div>
                    <div className="text-xs text-slate-500">{u.username} · {u.email}</div>
                  </td>
                  <td className="px-3 py-2"><Badge>{u.role.toLowerCase()}</Badge></td>
                  <td className="px-3 py-2 text-slate-600">{u.skills.join(", ") || "—"}</td>
                  <td className="px-3 py-2 text-slate-600">{u.languages.join(", ") || "—"}</td>
                  <td className="px-3 py-2 text-slate-600">{formatDateTime(u.lastLoginAt)}</td>
                  <td className="px-5 py-2">
                    {u.disabled ? <Badge tone="danger" className="mr-2">disabled</Badge> : null}
                    <UserAccessToggle userId={u.id} username={u.username} disabled={u.disabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
