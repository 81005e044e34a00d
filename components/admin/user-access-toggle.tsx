"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setUserDisabledAction } from "@/lib/actions/users";

export function UserAccessToggle({ userId, username, disabled }: { userId: string; username: string; disabled: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center justify-end gap-2">
      {error ? <span role="alert" className="text-xs text-red-600">{error}</span> : null}
      <Button
        size="sm"
        variant={disabled ? "secondary" : "ghost"}
        disabled={pending}
        aria-label={`${disabled ? "Enable" : "Disable"} ${username}`}
        onClick={() =>
          startTransition(async () => {
            const result = await setUserDisabledAction({ userId, disabled: !disabled });
            setError(result.ok ? null : result.error);
          })
        }
      >
        {disabled ? "Enable" : "Disable"}
      </Button>
    </div>
  );
}
