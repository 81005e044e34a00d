import type { Metadata } from "next";
import { GuestJoin } from "@/components/video/guest-join";
import { formatDateTime } from "@/lib/format";
import { inviteRefusal, resolveInvite } from "@/lib/server/inspections/invites";

export const metadata: Metadata = { title: "Join inspection", robots: { index: false } };

/** Public page behind an invite link: no account; the signed link is the credential. */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const resolved = await resolveInvite(decodeURIComponent(token), { forNewJoin: true });
  return (
    <main className="min-h-dvh bg-slate-50 px-3 py-4 sm:px-6">
      {resolved.state !== "valid" || !resolved.invite || !resolved.inspection ? (
        <div className="mx-auto max-w-md space-y-2 py-16 text-center" data-testid="invite-refused" data-state={resolved.state}>
          <h1 className="text-xl font-semibold">{inviteRefusal(resolved.state).title}</h1>
          <p className="text-sm text-slate-600">{inviteRefusal(resolved.state).body}</p>
        </div>
      ) : (
        <div className="space-y-4">
          <header className="mx-auto max-w-xl text-center">
            <h1 className="text-lg font-semibold">{resolved.inspection.subject}</h1>
            <p className="text-sm text-slate-500">{resolved.inspection.reference} · {formatDateTime(resolved.inspection.scheduledAt)}</p>
          </header>
          <GuestJoin token={decodeURIComponent(token)} suggestedName={resolved.invite.displayName} subject={resolved.inspection.subject} />
        </div>
      )}
    </main>
  );
}
