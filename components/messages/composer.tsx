"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { postJsonForError as postJson } from "@/lib/client/post-json";

const LIMIT = 1600;

/** The reply box under a thread. Enter sends, Shift+Enter makes a new line. */
export function Composer({ conversationId, disabledReason }: { conversationId: string; disabledReason?: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const send = () => {
    const text = body.trim();
    if (!text || pending) return;
    startTransition(async () => {
      const failure = await postJson(`/api/messages/conversations/${conversationId}/messages`, { body: text });
      setError(failure);
      if (!failure) setBody("");
      router.refresh();
    });
  };

  return (
    <form
      className="space-y-2 border-t border-slate-100 px-5 py-4"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor="reply" className="sr-only">
        Reply
      </label>
      <textarea
        id="reply"
        value={body}
        maxLength={LIMIT}
        rows={3}
        disabled={!!disabledReason}
        placeholder={disabledReason ?? "Write a reply… (Enter to send, Shift+Enter for a new line)"}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            send();
          }
        }}
        className="block w-full resize-y rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none disabled:bg-slate-50"
      />
      <div className="flex items-center justify-between gap-3">
        <div className="min-h-5 text-sm">
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : (
            <span className="text-slate-400">
              {body.length}/{LIMIT}
            </span>
          )}
        </div>
        <Button type="submit" disabled={pending || !body.trim() || !!disabledReason}>
          {pending ? "Sending…" : "Send"}
        </Button>
      </div>
    </form>
  );
}
