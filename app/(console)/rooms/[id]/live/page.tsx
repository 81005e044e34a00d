import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StaffRoom } from "@/components/video/staff-room";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getInspectionDetail } from "@/lib/server/inspections/get-inspection-detail";

export const metadata: Metadata = { title: "Inspection room" };

export default async function InspectionLivePage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole(STAFF_ROLES);
  const { id } = await params;
  const inspection = await getInspectionDetail(id);
  if (!inspection) notFound();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{inspection.subject} <span className="text-base font-normal text-slate-500">· {inspection.reference}</span></h1>
        <Link href={`/rooms/${id}`} className="text-sm text-brand-700 hover:underline">Inspection details</Link>
      </div>
      {inspection.status === "completed" || inspection.status === "canceled" ? (
        <p className="rounded-md bg-slate-100 p-4 text-sm">This inspection is {inspection.status}; its room is closed.</p>
      ) : (
        <StaffRoom inspectionId={id} />
      )}
    </div>
  );
}
