"use client";
/** The sandbox console: customer phone, message thread, live board, webhook log, clock and reset. */
import { useState } from "react";
import { ClockControls } from "./clock-controls";
import { CustomerPhonePanel } from "./customer-phone-panel";
import { LiveBoard } from "./live-board";
import { MessageThread } from "./message-thread";
import { useSandboxBoard } from "./use-sandbox-board";
import { WebhookLog } from "./webhook-log";

export function SandboxConsole({ sandboxUrl, businessNumber }: { sandboxUrl: string; businessNumber: string }) {
  const [number, setNumber] = useState("+12025550111");
  const { board, error, refresh } = useSandboxBoard();
  return (
    <div className="space-y-6">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <CustomerPhonePanel sandboxUrl={sandboxUrl} businessNumber={businessNumber} number={number} onNumberChange={setNumber} />
        <MessageThread messages={board?.messages ?? []} businessNumber={businessNumber} customerNumber={number} onSent={refresh} />
      </div>
      {board ? (
        <>
          <ClockControls clock={board.clock} onChanged={refresh} />
          <LiveBoard board={board} />
          <WebhookLog webhooks={board.webhooks} />
        </>
      ) : null}
    </div>
  );
}
