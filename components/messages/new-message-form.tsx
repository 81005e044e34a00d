"use client";

import { AsYouType } from "libphonenumber-js";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** Text a customer who has not written yet (or continue by number). */
export function NewMessageForm({ initialTo = "" }: { initialTo?: string }) {
  const router = useRouter();
  const [to, setTo] = useState(initialTo);
  const [channel, setChannel] = useState<"SMS" | "WHATSAPP">("SMS");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      className="space-y-3 px-5 py-4"
      aria-label="New message"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          try {
            const response = await fetch("/api/messages", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ to, channel, body }),
            });
            const data = (await response.json().catch(() => null)) as { conversationId?: string; error?: { message?: string } } | null;
            if (!response.ok) {
              setError(data?.error?.message ?? `The request failed (${response.status}).`);
              // A message that reached the send step is kept (as failed) in its conversation.
              router.refresh();
              return;
            }
            setError(null);
            setBody("");
            if (data?.conversationId) router.push(`/messages?c=${data.conversationId}`);
          } catch {
            setError("The server could not be reached. Check your connection and try again.");
          }
        });
      }}
    >
      <div className="grid grid-cols-[1fr_auto] gap-3">
        <div>
          <Label htmlFor="new-to">To</Label>
          <Input
            id="new-to"
            inputMode="tel"
            autoComplete="off"
            placeholder="+1 202 555 0123"
            value={to}
            onChange={(event) => setTo(new AsYouType("US").input(event.target.value))}
            className="mt-1"
          />
        </div>
        <div>
          <Label htmlFor="new-channel">Channel</Label>
          <Select id="new-channel" value={channel} onChange={(event) => setChannel(event.target.value === "WHATSAPP" ? "WHATSAPP" : "SMS")} className="mt-1">
            <option value="SMS">SMS</option>
            <option value="WHATSAPP">WhatsApp</option>
          </Select>
        </div>
      </div>
      <div>
        <Label htmlFor="new-body">Message</Label>
        <textarea
          id="new-body"
          rows={3}
          maxLength={1600}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending || !to.trim() || !body.trim()}>
        {pending ? "Sending…" : "Send message"}
      </Button>
    </form>
  );
}
