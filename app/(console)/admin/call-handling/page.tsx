import type { Metadata } from "next";
import { CallHandlingForm } from "@/components/admin/call-handling-form";
import { DispositionsEditor } from "@/components/admin/dispositions-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listDispositions } from "@/lib/server/settings/dispositions";
import { getSettings } from "@/lib/server/settings/get-settings";

export const metadata: Metadata = { title: "Call handling" };

export default async function CallHandlingPage() {
  await requireRole(ADMIN_ROLES);
  const [settings, dispositions] = await Promise.all([getSettings(), listDispositions()]);
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader title="Wrap-up, recording and retention" />
        <CardBody>
          <CallHandlingForm wrapUpSeconds={settings.wrapUpSeconds} recordInbound={settings.recordInbound} recordOutbound={settings.recordOutbound} retentionDays={settings.retentionDays} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Dispositions" description="The outcomes agents choose when they wrap up a call." />
        <CardBody>
          <DispositionsEditor dispositions={dispositions} />
        </CardBody>
      </Card>
    </div>
  );
}
