import { SupervisorTabs } from "@/components/supervisor/supervisor-tabs";
import { SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";

// Checked here, above this segment's loading boundary, so a refused request gets a real 403
// status before anything streams. Each page checks again.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requireRole(SUPERVISOR_ROLES);
  return (
    <>
      <SupervisorTabs />
      {children}
    </>
  );
}
