"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { postJsonForError as postJson } from "@/lib/client/post-json";

/** "Send again" under a failed outbound message. */
export function RetryButton({ messageId }: { messageId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(await postJson(`/api/messages/${messageId}/retry`));
            router.refresh();
          })
        }
      >
        {pending ? "Sending…" : "Send again"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Close a handled conversation, or reopen it. */
export function ConversationStatusButton({ conversationId, status }: { conversationId: string; status: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const next = status === "open" ? "closed" : "open";
  return (
    <span className="inline-flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(await postJson(`/api/messages/conversations/${conversationId}/status`, { status: next }));
            router.refresh();
          })
        }
      >
        {status === "open" ? "Close conversation" : "Reopen"}
      </Button>
    </span>
  );
}
