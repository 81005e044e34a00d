"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatAddress } from "@/lib/format";
import { useContactHistory } from "@/lib/hooks/use-contact-history";
import { ContactHistoryView } from "./contact-history-view";

interface ContactPanelProps {
  /** E.164 number of the customer to show. */
  phone: string;
  /** Why this contact is shown: "Offered call", "On call", "Selected"… */
  reason: string;
  timeZone?: string;
  refreshKey?: string;
  /** Click-to-call (the workspace's dialer), rendered beside "Text". */
  callAction?: ReactNode;
  onClose?: () => void;
}

/** Who is behind a number and what happened with them before: calls, voicemails, messages. */
export function ContactPanel({ phone, reason, timeZone, refreshKey, callAction, onClose }: ContactPanelProps) {
  const { history, error, loading } = useContactHistory(phone, refreshKey);
  const contact = history?.contact ?? null;
  return (
    <Card data-testid="contact-panel" aria-label="Contact" aria-busy={loading}>
      <header className="flex items-start justify-between gap-3 px-5 py-4">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-brand-700">{reason}</p>
          <h2 className="truncate text-base font-semibold text-slate-900">{contact?.name ?? formatAddress(phone)}</h2>
          {contact ? (
            <p className="text-sm text-slate-600">
              {formatAddress(phone)}
              {contact.company ? ` · ${contact.company}` : ""}
            </p>
          ) : history ? (
            <p className="text-sm text-slate-500">Not in contacts</p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {callAction}
          <Link href={`/messages?to=${encodeURIComponent(phone)}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-600 ring-1 ring-slate-200 hover:bg-brand-50">
            Text
          </Link>
          {onClose ? (
            <button type="button" onClick={onClose} aria-label="Close contact" className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100">
              ×
            </button>
          ) : null}
        </div>
      </header>
      {contact?.notes ? (
        <p className="border-t border-slate-100 px-5 py-3 text-sm whitespace-pre-wrap text-slate-700" data-testid="contact-notes">
          {contact.notes}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="border-t border-slate-100 px-5 py-3 text-sm text-red-700">
          {error}
        </p>
      ) : history ? (
        <ContactHistoryView history={history} timeZone={timeZone} />
      ) : (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-500">Loading history…</p>
      )}
    </Card>
  );
}
