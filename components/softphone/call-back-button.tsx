"use client";

import { Button } from "@/components/ui/button";
import { formatAddress } from "@/lib/format";
import { useDialer } from "./dialer-context";

/** Click-to-call from the recent-calls table: fills the dialer with the number and places the call. */
export function CallBackButton({ number }: { number: string }) {
  const { canDial, dial } = useDialer();
  return (
    <Button size="sm" variant="secondary" disabled={!canDial} aria-label={`Call ${formatAddress(number)}`} onClick={() => void dial(number)}>
      Call
    </Button>
  );
}
