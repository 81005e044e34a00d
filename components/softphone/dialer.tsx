"use client";

import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { useDialer } from "./dialer-context";

/** The outbound dialer: a number field that formats as the agent types and a Call button. */
export function Dialer() {
  const { number, error, placing, canDial, blockedReason, setNumber, dial } = useDialer();
  return (
    <form
      aria-label="Dialer"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        void dial();
      }}
    >
      <Label htmlFor="dialer-number">Call a number</Label>
      <div className="mt-1 flex gap-2">
        <Input
          id="dialer-number"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="(202) 555-0123 or +44 20 7946 0958"
          value={number}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "dialer-error" : undefined}
          onChange={(event) => setNumber(event.target.value)}
        />
        <Button type="submit" variant="success" disabled={!canDial}>
          {placing ? "Calling…" : "Call"}
        </Button>
      </div>
      {error ? (
        <p id="dialer-error" role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : blockedReason && !placing ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="dialer-blocked">
          {blockedReason}
        </p>
      ) : null}
    </form>
  );
}
