"use client";

import { useEffect, useState } from "react";
import type { ContactHistory } from "@/lib/server/contacts/get-contact-history";

interface Loaded {
  key: string;
  history: ContactHistory | null;
  error: string | null;
}

/**
 * The contact panel's data for one E.164 number (`null`: nothing to show). `refreshKey` reloads it,
 * e.g. when a task finishes and the caller's history gained a call.
 */
export function useContactHistory(phone: string | null, refreshKey = "", limit = 10) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = phone ? `${phone}|${refreshKey}|${limit}` : "";
  useEffect(() => {
    if (!phone) return;
    const controller = new AbortController();
    const requestKey = `${phone}|${refreshKey}|${limit}`;
    fetch(`/api/contacts/by-phone/${encodeURIComponent(phone)}?limit=${limit}`, { cache: "no-store", signal: controller.signal })
      .then(async (response) => {
        if (response.ok) return { key: requestKey, history: (await response.json()) as ContactHistory, error: null };
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        return { key: requestKey, history: null, error: body?.error?.message ?? `Could not load the contact (${response.status}).` };
      })
      .catch((e: unknown) => ({ key: requestKey, history: null, error: e instanceof Error ? e.message : String(e) }))
      .then((result) => {
        if (!controller.signal.aborted) setLoaded(result);
      });
    return () => controller.abort();
  }, [phone, refreshKey, limit]);
  // Keep showing the previous answer for the same number while a refresh loads.
  const current = loaded && loaded.key.split("|")[0] === phone ? loaded : null;
  return { history: current?.history ?? null, error: current?.error ?? null, loading: phone !== null && loaded?.key !== key };
}
