"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { createInviteAction, revokeInviteAction } from "@/lib/actions/inspections";
import { useAction } from "@/lib/hooks/use-action";

export interface InviteRow {
  id: string;
  displayName: string;
  expiresAt: string;
  revokedAt: string | null;
  uses: number;
  maxUses: number;
  state: "active" | "revoked" | "expired" | "used up";
}

/** Create invite links (the URL is shown once: only its hash is stored) and revoke them. */
export function InviteManager({ inspectionId, invites, open }: { inspectionId: string; invites: InviteRow[]; open: boolean }) {
  const create = useAction(createInviteAction);
  const revoke = useAction(revokeInviteAction);
  const [link, setLink] = useState<{ url: string; name: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const displayName = String(f.get("displayName") ?? "");
    create.run({ inspectionId, displayName, validHours: Number(f.get("validHours") ?? 24), maxUses: Number(f.get("maxUses") ?? 5) }, (data) => {
      setLink({ url: data.url, name: displayName });
      form.reset();
    });
  }

  return (
    <div className="space-y-4 p-5">
      {open ? (
        <form onSubmit={onSubmit} aria-label="New invite link" className="grid gap-3 sm:grid-cols-4">
          <div className="space-y-1 sm:col-span-2"><Label htmlFor="invite-name">Guest name</Label><Input id="invite-name" name="displayName" required minLength={2} maxLength={80} placeholder="External inspector" /></div>
          <div className="space-y-1"><Label htmlFor="invite-hours">Valid for (hours)</Label><Input id="invite-hours" name="validHours" type="number" min={1} max={336} defaultValue={24} /></div>
          <div className="space-y-1"><Label htmlFor="invite-uses">Uses</Label><Input id="invite-uses" name="maxUses" type="number" min={1} max={20} defaultValue={5} /></div>
          <div className="flex items-center gap-3 sm:col-span-4">
            <Button type="submit" disabled={create.pending}>Create invite link</Button>
            <FormStatus error={create.error} saved={false} />
          </div>
        </form>
      ) : <p className="text-sm text-slate-500">This inspection is over; no new invite links.</p>}
      {link ? (
        <div className="rounded-md bg-emerald-50 p-3 text-sm">
          <p className="font-medium text-emerald-900">Invite link for {link.name} — copy it now, it is shown only once:</p>
          <Input readOnly value={link.url} aria-label="Invite link" data-testid="invite-url" onFocus={(e) => e.currentTarget.select()} className="mt-2 font-mono text-xs" />
        </div>
      ) : null}
      {revoke.error ? <p role="alert" className="text-sm text-red-700">{revoke.error}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm">
        {invites.map((invite) => {
          const state = invite.state;
          return (
            <li key={invite.id} className="flex items-center justify-between gap-3 py-2" data-testid="invite-row">
              <span>
                <span className="font-medium">{invite.displayName}</span>{" "}
                <span className="text-slate-500">· {state} · used {invite.uses}/{invite.maxUses} · expires {new Date(invite.expiresAt).toLocaleString()}</span>
              </span>
              {state === "active" ? (
                <Button size="sm" variant="ghost" disabled={revoke.pending} onClick={() => revoke.run({ inspectionId, inviteId: invite.id })}>Revoke {invite.displayName}</Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
