import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { env } from "@/lib/env";
import { STAFF_ROLES } from "@/lib/server/auth/roles";
import { requireRole } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Sandbox" };

async function sandboxReachable(): Promise<boolean> {
  try {
    const res = await fetch(`${env.SANDBOX_URL}/sandbox/health`, { cache: "no-store", signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

export default async function SandboxPage() {
  await requireRole(STAFF_ROLES);
  if (env.mode !== "sandbox") notFound();
  const up = await sandboxReachable();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Sandbox</h1>
      <Card>
        <CardHeader
          title="Local Twilio emulator"
          description="Without Twilio credentials Switchboard runs against a local emulator of Twilio's APIs."
          actions={<Badge tone={up ? "success" : "warning"}>{up ? "running" : "not running"}</Badge>}
        />
        <CardBody className="text-sm text-slate-600">
          <p>
            Expected at <code className="font-mono">{env.SANDBOX_URL}</code>.{" "}
            {up ? "It is answering." : "It is not answering: the launcher starts it with npm run dev."}
          </p>
        </CardBody>
      </Card>
    </div>
  );
}
