"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setVoicemailHandledAction } from "@/lib/actions/voicemail";

export function VoicemailHandledButton({ voicemailId, handled, caller }: { voicemailId: string; handled: boolean; caller: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      {error ? <span role="status" className="text-xs text-red-600">{error}</span> : null}
      <Button
        size="sm"
        variant={handled ? "ghost" : "secondary"}
        disabled={pending}
        aria-label={`${handled ? "Reopen" : "Mark handled"}: voicemail from ${caller}`}
        onClick={() =>
          startTransition(async () => {
            const result = await setVoicemailHandledAction({ voicemailId, handled: !handled });
            setError(result.ok ? null : result.error);
          })
        }
      >
        {handled ? "Reopen" : "Mark handled"}
      </Button>
    </span>
  );
}
