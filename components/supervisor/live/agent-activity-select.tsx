"use client";

import { useState } from "react";
import { Select } from "@/components/ui/select";
import { AGENT_ACTIVITIES } from "@/lib/validations/supervisor";

/** Sets an agent's TaskRouter activity; the dashboard updates from the resulting event. */
export function AgentActivitySelect({ userId, name, activity }: { userId: string; name: string; activity: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(next: string) {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/supervisor/agents/${encodeURIComponent(userId)}/activity`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ activity: next }),
      });
      if (!res.ok) setError(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "Could not change the activity.");
    } catch {
      setError("Could not reach the server.");
    } finally {
      setPending(false);
    }
  }

  const known = (AGENT_ACTIVITIES as readonly string[]).includes(activity);
  return (
    <span className="inline-flex items-center gap-2">
      <Select
        aria-label={`Set ${name}'s activity`}
        className="h-8 w-32"
        value={known ? activity : ""}
        disabled={pending}
        onChange={(e) => void change(e.target.value)}
      >
        {known ? null : <option value="" disabled>{activity}</option>}
        {AGENT_ACTIVITIES.map((a) => (
          <option key={a} value={a}>{a}</option>
        ))}
      </Select>
      {error ? <span role="alert" className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
