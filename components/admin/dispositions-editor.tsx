"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { addDispositionAction, updateDispositionAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

interface Disposition {
  id: string;
  code: string;
  label: string;
  active: boolean;
  position: number;
}

export function DispositionsEditor({ dispositions }: { dispositions: Disposition[] }) {
  const router = useRouter();
  const add = useAction(addDispositionAction);
  const update = useAction(updateDispositionAction);
  const refresh = () => router.refresh();

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    add.run({ code: String(f.get("code") ?? ""), label: String(f.get("label") ?? "") }, () => {
      form.reset();
      refresh();
    });
  }

  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100" aria-label="Dispositions">
        {dispositions.map((d, i) => (
          <li key={d.id} className="flex items-center gap-3 py-2 text-sm">
            <span className="w-40 font-mono text-xs text-slate-500">{d.code}</span>
            <span className="flex-1">{d.label}</span>
            {d.active ? null : <Badge>inactive</Badge>}
            <Button variant="ghost" size="sm" disabled={update.pending || i === 0} aria-label={`Move ${d.label} up`}
              onClick={() => update.run({ id: d.id, label: d.label, active: d.active, position: Math.max(0, dispositions[i - 1]!.position - 1) }, refresh)}>
              ↑
            </Button>
            <Button variant="ghost" size="sm" disabled={update.pending} aria-label={`${d.active ? "Deactivate" : "Activate"} ${d.label}`}
              onClick={() => update.run({ id: d.id, label: d.label, active: !d.active, position: d.position }, refresh)}>
              {d.active ? "Deactivate" : "Activate"}
            </Button>
          </li>
        ))}
      </ul>
      <FormStatus error={update.error} saved={false} />
      <form onSubmit={onAdd} className="flex flex-wrap items-end gap-3" aria-label="Add a disposition">
        <div className="space-y-1"><Label htmlFor="disp-code">Code</Label><Input id="disp-code" name="code" placeholder="refund_issued" required /></div>
        <div className="space-y-1"><Label htmlFor="disp-label">Label</Label><Input id="disp-label" name="label" placeholder="Refund issued" required /></div>
        <Button type="submit" variant="secondary" disabled={add.pending}>Add</Button>
        <FormStatus error={add.error} saved={add.saved} savedText="Added." />
      </form>
    </div>
  );
}
