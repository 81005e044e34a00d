import type { Metadata } from "next";
import { BusinessHoursEditor } from "@/components/admin/business-hours-editor";
import { HolidaysEditor } from "@/components/admin/holidays-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ADMIN_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getBusinessHours } from "@/lib/server/settings/business-hours";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";

export const metadata: Metadata = { title: "Hours & holidays" };

export default async function HoursPage() {
  await requireRole(ADMIN_ROLES);
  const [{ slots, holidays }, timezone] = await Promise.all([getBusinessHours(), getBusinessTimezone()]);
  const timezones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="grid gap-6 xl:grid-cols-3">
      <Card className="xl:col-span-2">
        <CardHeader title="Opening hours" description="When callers reach the menu and the queues." />
        <CardBody>
          <BusinessHoursEditor
            timezone={timezone}
            timezones={timezones.includes(timezone) ? timezones : [timezone, ...timezones]}
            slots={slots.map((s) => ({ dayOfWeek: s.dayOfWeek, opensAt: s.opensAt, closesAt: s.closesAt }))}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Holidays" description="Closed all day, in the business time zone." />
        <CardBody>
          <HolidaysEditor holidays={holidays.map((h) => ({ id: h.id, date: h.date.toISOString().slice(0, 10), name: h.name }))} />
        </CardBody>
      </Card>
    </div>
  );
}
