"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

interface WaitingGuest {
  id: string;
  displayName: string;
}

const POLL_MS = 2_000;

/** The host's waiting room: guests who opened an invite link and asked to join. */
export function WaitingRoom({ inspectionId }: { inspectionId: string }) {
  const [guests, setGuests] = useState<WaitingGuest[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    async function poll() {
      const answer = await fetch(`/api/inspections/${inspectionId}/waiting`, { cache: "no-store" }).catch(() => null);
      if (!stopped && answer?.ok) setGuests(((await answer.json()) as { guests: WaitingGuest[] }).guests);
    }
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [inspectionId]);

  async function decide(guest: WaitingGuest, decision: "admit" | "deny") {
    const answer = await fetch(`/api/inspections/${inspectionId}/waiting/${guest.id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ decision }) });
    if (!answer.ok) setError(((await answer.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "That did not work.");
    else setError(null);
    setGuests((list) => list.filter((g) => g.id !== guest.id));
  }

  return (
    <section aria-label="Waiting room" className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
      <h2 className="text-sm font-semibold">Waiting room</h2>
      {error ? <p role="alert" className="mt-1 text-sm text-red-700">{error}</p> : null}
      {guests.length === 0 ? <p className="mt-1 text-sm text-slate-500">Nobody is waiting.</p> : null}
      <ul className="mt-2 space-y-2">
        {guests.map((guest) => (
          <li key={guest.id} className="flex items-center justify-between gap-2 text-sm" data-testid="waiting-guest">
            <span className="truncate font-medium">{guest.displayName}</span>
            <span className="flex gap-1">
              <Button size="sm" variant="success" onClick={() => void decide(guest, "admit")}>Admit {guest.displayName}</Button>
              <Button size="sm" variant="ghost" onClick={() => void decide(guest, "deny")}>Deny</Button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
