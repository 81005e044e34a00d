"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createInspectionAction } from "@/lib/actions/inspections";
import { useAction } from "@/lib/hooks/use-action";

export function CreateInspectionForm({ staff, defaultAssigneeId }: { staff: { id: string; name: string }[]; defaultAssigneeId: string }) {
  const router = useRouter();
  const { run, pending, error, saved } = useAction(createInspectionAction);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const local = String(f.get("scheduledAt") ?? "");
    run(
      { subject: String(f.get("subject") ?? ""), reference: String(f.get("reference") ?? ""), scheduledAt: local ? new Date(local) : new Date(NaN), assigneeId: String(f.get("assigneeId") ?? "") },
      (created) => router.push(`/rooms/${created.id}`),
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="New inspection" className="grid gap-3 p-5 md:grid-cols-2">
      <div className="space-y-1"><Label htmlFor="insp-subject">Subject</Label><Input id="insp-subject" name="subject" required minLength={3} maxLength={200} placeholder="Hull damage survey" /></div>
      <div className="space-y-1"><Label htmlFor="insp-reference">Reference</Label><Input id="insp-reference" name="reference" required maxLength={100} placeholder="Vessel, claim or case number" /></div>
      <div className="space-y-1"><Label htmlFor="insp-scheduled">Scheduled for</Label><Input id="insp-scheduled" name="scheduledAt" type="datetime-local" required /></div>
      <div className="space-y-1">
        <Label htmlFor="insp-assignee">Assigned to</Label>
        <Select id="insp-assignee" name="assigneeId" defaultValue={defaultAssigneeId}>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </Select>
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={pending}>Create inspection</Button>
        <FormStatus error={error} saved={saved} savedText="Created." />
      </div>
    </form>
  );
}
