/** The sandbox's webhook log: every request it sent the app, the answer, and the verdicts. */
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { SandboxBoard } from "@/lib/server/sandbox/get-sandbox-board";

export function WebhookLog({ webhooks }: { webhooks: SandboxBoard["webhooks"] }) {
  return (
    <Card aria-label="Webhook log">
      <CardHeader title="Webhook log" description="The last 100 signed requests the sandbox sent the app, newest first." />
      <CardBody className="max-h-96 overflow-y-auto">
        {webhooks.length === 0 ? <p className="text-sm text-slate-500">No webhooks yet.</p> : null}
        <ol aria-label="Webhooks" className="divide-y divide-slate-100 text-sm">
          {webhooks.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-2 py-1.5">
              <span className="font-mono text-xs text-slate-500">{w.at.slice(11, 19)}</span>
              <span className="font-mono text-xs">
                {w.method} {w.path}
              </span>
              <span className="text-xs text-slate-500">→ {w.status ?? "no response"} in {w.durationMs} ms</span>
              <Badge tone={w.signatureValid ? "success" : "danger"}>{w.signatureValid ? "signature valid" : "signature invalid"}</Badge>
              <Badge tone={w.accepted ? "success" : "danger"}>{w.accepted ? "accepted" : "rejected"}</Badge>
              {w.note ? <span className="text-xs text-amber-800">{w.note}</span> : null}
            </li>
          ))}
        </ol>
      </CardBody>
    </Card>
  );
}
