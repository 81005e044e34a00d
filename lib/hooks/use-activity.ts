"use client";

import { useCallback, useState } from "react";
import { useWorkerContext } from "@/components/providers/worker-provider/worker-context";
import { twilioErrorMessage } from "@/lib/client/twilio-error-message";

/** The Worker's activity, when it began, the activities to choose from, and a setter. */
export function useActivity() {
  const { status, activity, activitySince, activities } = useWorkerContext();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setActivity = useCallback(
    async (name: string) => {
      const target = activities.find((a) => a.name === name);
      if (!target) {
        setError(`There is no “${name}” activity.`);
        return false;
      }
      setPending(true);
      try {
        await target.setAsCurrent();
        setError(null);
        return true;
      } catch (e) {
        setError(twilioErrorMessage(e));
        return false;
      } finally {
        setPending(false);
      }
    },
    [activities],
  );
  return { ready: status === "ready", activity, activitySince, activities, setActivity, pending, error, setError };
}
