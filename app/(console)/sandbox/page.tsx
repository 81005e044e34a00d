import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SandboxConsole } from "@/components/sandbox/sandbox-console";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { env } from "@/lib/env";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";
import { browserSandboxUrl, getTwilioAccount } from "@/lib/server/twilio/config";

export const metadata: Metadata = { title: "Sandbox" };

async function sandboxReachable(): Promise<boolean> {
  try {
    const res = await fetch(`${env.SANDBOX_URL}/sandbox/health`, { cache: "no-store", signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The sandbox console (sandbox mode only; any signed-in user). */
export default async function SandboxPage() {
  await requireRole(STAFF_ROLES);
  const sandboxUrl = browserSandboxUrl();
  if (env.mode !== "sandbox" || !sandboxUrl) notFound();
  const up = await sandboxReachable();
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Sandbox</h1>
        <Badge tone={up ? "success" : "warning"}>{up ? "running" : "not running"}</Badge>
      </div>
      {up ? (
        <SandboxConsole sandboxUrl={sandboxUrl} businessNumber={getTwilioAccount().phoneNumber} />
      ) : (
        <Card>
          <CardHeader title="The local Twilio emulator is not answering" />
          <CardBody className="text-sm text-slate-600">
            Expected at <code className="font-mono">{env.SANDBOX_URL}</code>. The launcher starts it with npm run dev.
          </CardBody>
        </Card>
      )}
    </div>
  );
}
