"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { saveQueueAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

export function QueueForm({ queue }: { queue: { id: string; key: string; name: string; slaThresholdSeconds: number; timeoutSeconds: number; priority: number } }) {
  const { run, pending, error, saved } = useAction(saveQueueAction);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    run({
      queueId: queue.id,
      name: String(f.get("name") ?? ""),
      slaThresholdSeconds: Number(f.get("sla")),
      timeoutSeconds: Number(f.get("timeout")),
      priority: Number(f.get("priority")),
    });
  }
  const id = (s: string) => `${queue.key}-${s}`;
  return (
    <form onSubmit={onSubmit} className="grid grid-cols-2 gap-3 md:grid-cols-5" aria-label={`Queue ${queue.name}`}>
      <div className="space-y-1"><Label htmlFor={id("name")}>Name</Label><Input id={id("name")} name="name" defaultValue={queue.name} required /></div>
      <div className="space-y-1"><Label htmlFor={id("sla")}>SLA threshold (s)</Label><Input id={id("sla")} name="sla" type="number" min={5} max={600} defaultValue={queue.slaThresholdSeconds} /></div>
      <div className="space-y-1"><Label htmlFor={id("timeout")}>Overflow after (s)</Label><Input id={id("timeout")} name="timeout" type="number" min={10} max={3600} defaultValue={queue.timeoutSeconds} /></div>
      <div className="space-y-1"><Label htmlFor={id("priority")}>Priority</Label><Input id={id("priority")} name="priority" type="number" min={0} max={100} defaultValue={queue.priority} /></div>
      <div className="flex items-end gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>Save</Button>
        <FormStatus error={error} saved={saved} />
      </div>
    </form>
  );
}
