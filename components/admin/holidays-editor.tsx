"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { addHolidayAction, removeHolidayAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

export function HolidaysEditor({ holidays }: { holidays: { id: string; date: string; name: string }[] }) {
  const router = useRouter();
  const add = useAction(addHolidayAction);
  const remove = useAction(removeHolidayAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    add.run({ date: String(f.get("date") ?? ""), name: String(f.get("name") ?? "") }, () => {
      form.reset();
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100" aria-label="Holidays">
        {holidays.length === 0 ? <li className="py-2 text-sm text-slate-500">No holidays.</li> : null}
        {holidays.map((h) => (
          <li key={h.id} className="flex items-center justify-between py-2 text-sm">
            <span><span className="font-mono">{h.date}</span> · {h.name}</span>
            <Button variant="ghost" size="sm" disabled={remove.pending} onClick={() => remove.run({ id: h.id }, () => router.refresh())} aria-label={`Remove ${h.name}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <FormStatus error={remove.error} saved={false} />
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Add a holiday">
        <div className="space-y-1">
          <Label htmlFor="holiday-date">Date</Label>
          <Input id="holiday-date" name="date" type="date" required />
        </div>
        <div className="space-y-1">
          <Label htmlFor="holiday-name">Name</Label>
          <Input id="holiday-name" name="name" required />
        </div>
        <Button type="submit" variant="secondary" disabled={add.pending}>Add holiday</Button>
        <FormStatus error={add.error} saved={add.saved} savedText="Holiday added." />
      </form>
    </div>
  );
}
