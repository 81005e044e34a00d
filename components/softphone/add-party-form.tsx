"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { checkDialNumber, formatAsYouType } from "@/lib/phone/dial-number";

interface AddPartyFormProps {
  /** Dials the E.164 number into the call; a rejection's message is shown under the field. */
  onAdd(e164: string): Promise<void>;
  onDone(): void;
}

/** Dial an outside number into the call (a three-way call); checked like the dialer before it is sent. */
export function AddPartyForm({ onAdd, onDone }: AddPartyFormProps) {
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const check = checkDialNumber(number);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAdd(check.e164);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="Add a party"
      className="mt-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Label htmlFor="add-party-number">Number to add to the call</Label>
      <div className="mt-1 flex gap-2">
        <Input
          id="add-party-number"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          autoFocus
          placeholder="(202) 555-0123 or +44 20 7946 0958"
          value={number}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "add-party-error" : undefined}
          onChange={(event) => {
            setNumber(formatAsYouType(event.target.value));
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") onDone();
          }}
        />
        <Button type="submit" disabled={busy || !number.trim()}>
          {busy ? "Adding…" : "Add"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {error ? (
        <p id="add-party-error" role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
