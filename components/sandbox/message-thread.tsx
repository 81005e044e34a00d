"use client";
/** A customer's SMS / WhatsApp thread with the business: texts in, and whatever the app sends out. */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { SandboxBoard } from "@/lib/server/sandbox/get-sandbox-board";
import { postJsonForError as postJson } from "@/lib/client/post-json";

type Channel = "sms" | "whatsapp";

export function MessageThread({ messages, businessNumber, customerNumber, onSent }: { messages: SandboxBoard["messages"]; businessNumber: string; customerNumber: string; onSent: () => void }) {
  const [channel, setChannel] = useState<Channel>("sms");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const prefix = channel === "whatsapp" ? "whatsapp:" : "";
  const customer = `${prefix}${customerNumber}`;
  const business = `${prefix}${businessNumber}`;
  const thread = messages.filter((m) => (m.from === customer && m.to === business) || (m.from === business && m.to === customer));

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    const failure = await postJson("/api/sandbox/messages", { from: customerNumber, to: businessNumber, body: text, channel });
    setSending(false);
    setError(failure);
    if (!failure) {
      setText("");
      onSent();
    }
  }

  return (
    <Card aria-label="Messages">
      <CardHeader title="Messages" description={`${customerNumber} ↔ ${businessNumber}`} />
      <CardBody className="space-y-3">
        <div className="w-40">
          <Label htmlFor="message-channel">Channel</Label>
          <Select id="message-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            <option value="sms">SMS</option>
            <option value="whatsapp">WhatsApp</option>
          </Select>
        </div>
        <ol aria-label="Message thread" className="max-h-64 space-y-2 overflow-y-auto">
          {thread.length === 0 ? <li className="text-sm text-slate-500">No messages yet.</li> : null}
          {thread.map((m) => {
            const mine = m.from === customer;
            return (
              <li key={m.sid} data-direction={mine ? "sent" : "received"} className={mine ? "ml-8 rounded-md bg-brand-50 px-3 py-2 text-sm" : "mr-8 rounded-md bg-slate-100 px-3 py-2 text-sm"}>
                <p>{m.body}</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  {mine ? "You" : "Business"} · {m.status}
                  {m.errorCode ? ` (error ${m.errorCode})` : ""}
                </p>
              </li>
            );
          })}
        </ol>
        <form className="flex items-end gap-2" onSubmit={send}>
          <div className="flex-1">
            <Label htmlFor="message-text">Message</Label>
            <Input id="message-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={1600} />
          </div>
          <Button type="submit" disabled={sending || !text.trim()}>
            Send
          </Button>
        </form>
        {error ? (
          <p role="status" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
