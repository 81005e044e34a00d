import type { Metadata } from "next";
import Link from "next/link";
import { ConversationStatusButton, RetryButton } from "@/components/messages/message-actions";
import { Composer } from "@/components/messages/composer";
import { LiveRefresh } from "@/components/messages/live-refresh";
import { NewMessageForm } from "@/components/messages/new-message-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import { formatAddress, formatDateTime, formatTime } from "@/lib/format";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { getConversation, listConversations, type ConversationFilter } from "@/lib/server/messages/list-conversations";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { conversationIdSchema } from "@/lib/validations/messages";

export const metadata: Metadata = { title: "Messages" };

const FILTERS: { value: ConversationFilter; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "mine", label: "Mine" },
  { value: "closed", label: "Closed" },
];

const STATUS_TONE: Record<string, BadgeTone> = { delivered: "success", read: "success", failed: "danger", undelivered: "danger", pending: "warning" };

function channelLabel(channel: string) {
  return channel === "WHATSAPP" ? "WhatsApp" : "SMS";
}

export default async function MessagesPage({ searchParams }: PageProps<"/messages">) {
  const user = await requireRole(STAFF_ROLES);
  const params = await searchParams;
  const filter: ConversationFilter = params.filter === "closed" || params.filter === "mine" ? params.filter : "open";
  const selectedId = typeof params.c === "string" && conversationIdSchema.safeParse(params.c).success ? params.c : null;
  const composeTo = typeof params.to === "string" ? params.to : "";
  const [conversations, timeZone, thread] = await Promise.all([
    listConversations(user.id, filter),
    getBusinessTimezone(),
    selectedId ? getConversation(selectedId).catch(() => null) : Promise.resolve(null),
  ]);
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(filter !== "open" ? { filter } : {}), ...extra })}`;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(18rem,24rem)_1fr]">
      <Card className="self-start">
        <CardHeader title="Messages" description="SMS and WhatsApp conversations with customers." actions={<LiveRefresh url="/api/messages/stream" />} />
        <nav aria-label="Conversation filter" className="flex gap-1 border-b border-slate-100 px-5 py-2">
          {FILTERS.map((f) => (
            <Link
              key={f.value}
              href={f.value === "open" ? "?" : `?filter=${f.value}`}
              aria-current={f.value === filter ? "page" : undefined}
              className={cn("rounded-md px-3 py-1 text-sm", f.value === filter ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}
            >
              {f.label}
            </Link>
          ))}
          <Link href={query({ new: "1" })} className="ml-auto rounded-md px-3 py-1 text-sm font-medium text-brand-600 hover:bg-brand-50">
            New message
          </Link>
        </nav>
        {conversations.length === 0 ? (
          <EmptyState title={filter === "closed" ? "No closed conversations" : "No open conversations"}>Texts to the business number appear here.</EmptyState>
        ) : (
          <ul className="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto" aria-label="Conversations">
            {conversations.map((c) => (
              <li key={c.id}>
                <Link
                  href={query({ c: c.id })}
                  aria-current={c.id === selectedId ? "true" : undefined}
                  className={cn("block px-5 py-3 hover:bg-slate-50", c.id === selectedId && "bg-brand-50/60")}
                >
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate font-medium text-slate-900">{c.contact?.name ?? formatAddress(c.customerAddress)}</span>
                    <span className="shrink-0 text-xs text-slate-500">{formatTime(c.lastMessageAt, timeZone)}</span>
                  </span>
                  <span className="mt-0.5 flex items-center gap-2 text-sm text-slate-500">
                    <Badge tone={c.channel === "WHATSAPP" ? "success" : "neutral"}>{channelLabel(c.channel)}</Badge>
                    <span className="truncate">
                      {c.lastMessage ? `${c.lastMessage.direction === "outbound" ? "You: " : ""}${c.lastMessage.body}` : "No messages"}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {thread ? (
        <Card className="flex min-h-[28rem] flex-col">
          <CardHeader
            title={thread.contact?.name ?? formatAddress(thread.customerAddress)}
            description={`${channelLabel(thread.channel)} · ${formatAddress(thread.customerAddress)}${thread.assignee ? ` · assigned to ${thread.assignee.name}` : ""}`}
            actions={<ConversationStatusButton conversationId={thread.id} status={thread.status} />}
          />
          <ol className="flex-1 space-y-3 overflow-y-auto px-5 py-4" aria-label="Thread" role="log">
            {thread.messages.map((m) => {
              const outbound = m.direction === "outbound";
              return (
                <li key={m.id} className={cn("flex flex-col", outbound ? "items-end" : "items-start")}>
                  <p
                    className={cn(
                      "max-w-[75%] whitespace-pre-wrap rounded-2xl px-4 py-2 text-sm",
                      outbound ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-900",
                      m.status === "failed" && "bg-red-50 text-red-900 ring-1 ring-red-200",
                    )}
                  >
                    {m.body}
                  </p>
                  <span className="mt-1 flex items-center gap-2 text-xs text-slate-500">
                    {formatDateTime(m.createdAt, timeZone)}
                    {outbound ? ` · ${m.sender?.name ?? "Switchboard"}` : ""}
                    {outbound ? <Badge tone={STATUS_TONE[m.status] ?? "info"}>{m.status}</Badge> : null}
                  </span>
                  {m.status === "failed" || m.status === "undelivered" ? (
                    <span className="mt-1 flex items-center gap-2 text-xs text-red-700">
                      {m.errorMessage ?? (m.errorCode ? `Twilio error ${m.errorCode}` : "Not delivered")}
                      {m.status === "failed" ? <RetryButton messageId={m.id} /> : null}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <Composer
            key={thread.id}
            conversationId={thread.id}
            disabledReason={thread.optedOut ? "This customer opted out (STOP). They must reply START before you can write again." : undefined}
          />
        </Card>
      ) : (
        <Card className="self-start">
          <CardHeader title="New message" description="Text a customer by number. Replies arrive in the inbox." />
          <NewMessageForm initialTo={composeTo} />
        </Card>
      )}
    </div>
  );
}
