import Link from "next/link";
import type { ReactNode } from "react";
import { RecordingPlayer } from "@/components/recordings/recording-player";
import { Badge } from "@/components/ui/badge";
import { OutcomeBadge } from "@/components/ui/outcome-badge";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { ContactHistory } from "@/lib/server/contacts/get-contact-history";

function Section({ title, count, more, children }: { title: string; count: number; more: boolean; children: ReactNode }) {
  return (
    <section aria-label={title} className="border-t border-slate-100 px-5 py-3">
      <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">
        {title} {count > 0 ? <span className="text-slate-400">({more ? `latest ${count}` : count})</span> : null}
      </h3>
      {children}
    </section>
  );
}

function None({ children }: { children: ReactNode }) {
  return <p className="mt-1 text-sm text-slate-500">{children}</p>;
}

/** The contact panel's lists: past calls, voicemails (playable when allowed) and message threads. */
export function ContactHistoryView({ history, timeZone }: { history: ContactHistory; timeZone?: string }) {
  const { calls, voicemails, conversations } = history;
  return (
    <>
      <Section title="Past calls" count={calls.items.length} more={calls.hasMore}>
        {calls.items.length === 0 ? (
          <None>No calls before.</None>
        ) : (
          <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="contact-calls">
            {calls.items.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1.5">
                <span className="text-slate-600">{formatDateTime(c.startedAt, timeZone)}</span>
                <span className="text-slate-500">{c.direction === "inbound" ? "Inbound" : "Outbound"}</span>
                <OutcomeBadge outcome={c.outcome} />
                {c.disposition ? <Badge tone="info">{c.disposition}</Badge> : null}
                <span className="text-slate-600">{c.agentName ?? "no agent"}</span>
                <span className="font-mono text-xs text-slate-500">{formatDuration(c.durationSeconds)}</span>
                {c.detailHref ? (
                  <Link href={c.detailHref} className="ml-auto text-brand-600 hover:underline">
                    Details
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Voicemails" count={voicemails.items.length} more={voicemails.hasMore}>
        {voicemails.items.length === 0 ? (
          <None>No voicemails.</None>
        ) : (
          <ul className="mt-1 space-y-2 text-sm" data-testid="contact-voicemails">
            {voicemails.items.map((v) => (
              <li key={v.id} className="space-y-1">
                <div className="flex items-center gap-2">
                  <span className="text-slate-600">{formatDateTime(v.createdAt, timeZone)}</span>
                  <span className="font-mono text-xs text-slate-500">{formatDuration(v.durationSeconds)}</span>
                  <Badge tone={v.handled ? "success" : "warning"}>{v.handled ? "handled" : "not handled"}</Badge>
                </div>
                {v.audible ? (
                  <>
                    {v.transcription ? <p className="text-slate-700">“{v.transcription}”</p> : null}
                    {v.recordingSid ? <RecordingPlayer recordingSid={v.recordingSid} label={`voicemail ${formatDateTime(v.createdAt, timeZone)}`} /> : null}
                  </>
                ) : (
                  <p className="text-xs text-slate-500">Only the agent it was assigned to and supervisors can hear this voicemail.</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Messages" count={conversations.items.length} more={conversations.hasMore}>
        {conversations.items.length === 0 ? (
          <None>No SMS or WhatsApp messages.</None>
        ) : (
          <ul className="mt-1 space-y-3 text-sm" data-testid="contact-messages">
            {conversations.items.map((c) => (
              <li key={c.id}>
                <div className="flex items-center gap-2">
                  <Badge tone={c.channel === "WHATSAPP" ? "success" : "neutral"}>{c.channel === "WHATSAPP" ? "WhatsApp" : "SMS"}</Badge>
                  {c.status === "closed" ? <Badge>closed</Badge> : null}
                  <Link href={`/messages?c=${c.id}`} className="ml-auto text-brand-600 hover:underline">
                    Open conversation
                  </Link>
                </div>
                <ul className="mt-1 space-y-0.5">
                  {c.messages.map((m) => (
                    <li key={m.id} className="text-slate-700">
                      <span className="text-xs text-slate-500">{formatDateTime(m.createdAt, timeZone)} · {m.direction === "inbound" ? "Customer" : "Us"}: </span>
                      {m.body}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
