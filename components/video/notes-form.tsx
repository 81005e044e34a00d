"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { saveNotesAction } from "@/lib/actions/inspections";
import { useAction } from "@/lib/hooks/use-action";

export function NotesForm({ inspectionId, notes }: { inspectionId: string; notes: string | null }) {
  const { run, pending, error, saved } = useAction(saveNotesAction);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run({ inspectionId, notes: String(new FormData(event.currentTarget).get("notes") ?? "") });
  }
  return (
    <form onSubmit={onSubmit} className="space-y-2 p-5" aria-label="Inspection notes">
      <textarea name="notes" aria-label="Notes" defaultValue={notes ?? ""} maxLength={10_000} rows={5} className="block w-full rounded-md p-3 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none" />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>Save notes</Button>
        <FormStatus error={error} saved={saved} />
      </div>
    </form>
  );
}
