"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { saveCallHandlingAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

export function CallHandlingForm(props: { wrapUpSeconds: number; recordInbound: boolean; recordOutbound: boolean; retentionDays: number }) {
  const { run, pending, error, saved } = useAction(saveCallHandlingAction);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    run({
      wrapUpSeconds: Number(f.get("wrapUpSeconds")),
      recordInbound: f.get("recordInbound") === "on",
      recordOutbound: f.get("recordOutbound") === "on",
      retentionDays: Number(f.get("retentionDays")),
    });
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Call handling">
      <div className="grid max-w-xl grid-cols-2 gap-4">
        <div className="space-y-1">
          <Label htmlFor="wrapUpSeconds">Wrap-up time (seconds)</Label>
          <Input id="wrapUpSeconds" name="wrapUpSeconds" type="number" min={0} max={900} defaultValue={props.wrapUpSeconds} />
          <p className="text-xs text-slate-500">After this, the task completes and the agent goes back to Available.</p>
        </div>
        <div className="space-y-1">
          <Label htmlFor="retentionDays">Keep recordings and call details (days)</Label>
          <Input id="retentionDays" name="retentionDays" type="number" min={7} max={3650} defaultValue={props.retentionDays} />
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Record calls</legend>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="recordInbound" defaultChecked={props.recordInbound} /> Inbound calls</label>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="recordOutbound" defaultChecked={props.recordOutbound} /> Outbound calls</label>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
        <FormStatus error={error} saved={saved} />
      </div>
    </form>
  );
}
