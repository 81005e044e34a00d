"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export interface ChatLine {
  id: string;
  from: string;
  text: string;
  self: boolean;
}

export function ChatPanel({ lines, onSend }: { lines: ChatLine[]; onSend: (text: string) => void }) {
  const [text, setText] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    onSend(value);
    setText("");
  }
  return (
    <section aria-label="Chat" className="flex h-full min-h-48 flex-col rounded-lg bg-white ring-1 ring-slate-200">
      <h2 className="border-b border-slate-100 px-3 py-2 text-sm font-semibold">Chat</h2>
      <ol className="flex-1 space-y-2 overflow-y-auto px-3 py-2 text-sm" data-testid="chat-log">
        {lines.length === 0 ? <li className="text-slate-400">No messages yet.</li> : null}
        {lines.map((line) => (
          <li key={line.id}>
            <span className={line.self ? "font-medium text-brand-700" : "font-medium text-slate-800"}>{line.self ? "You" : line.from}:</span>{" "}
            <span className="break-words text-slate-700">{line.text}</span>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="flex gap-2 border-t border-slate-100 p-2">
        <Input aria-label="Message" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} placeholder="Write a message" />
        <Button type="submit" variant="secondary">Send</Button>
      </form>
    </section>
  );
}
