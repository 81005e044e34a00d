import { AdminTabs } from "@/components/admin/admin-tabs";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";

// Checked here, above this segment's loading boundary, so a refused request gets a real 403
// status before anything streams. Each page checks again.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requireRole(ADMIN_ROLES);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Administration</h1>
      <AdminTabs />
      {children}
    </>
  );
}
