import type { Metadata } from "next";
import { IvrEditor } from "@/components/admin/ivr-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { listQueues } from "@/lib/server/queues/update-queue";
import { getSettings } from "@/lib/server/settings/get-settings";
import { getIvrOptions } from "@/lib/server/settings/ivr";

export const metadata: Metadata = { title: "Phone menu" };

export default async function IvrPage() {
  await requireRole(ADMIN_ROLES);
  const [settings, options, queues] = await Promise.all([getSettings(), getIvrOptions(), listQueues()]);
  return (
    <Card>
      <CardHeader title="Phone menu" description="What callers hear and where each choice goes. Callers press a key or say one of the words." />
      <CardBody>
        <IvrEditor greeting={settings.greeting} language={settings.language} options={options} queues={queues.map((q) => ({ id: q.id, name: q.name }))} />
      </CardBody>
    </Card>
  );
}
