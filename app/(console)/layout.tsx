import Link from "next/link";
import { ConsoleNav } from "@/components/console/console-nav";
import { navItemsFor } from "@/components/console/nav-items";
import { SignOutButton } from "@/components/console/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { env } from "@/lib/env";
import { requireUser } from "@/lib/server/auth/session";

const ROLE_LABEL = { AGENT: "Agent", SUPERVISOR: "Supervisor", ADMIN: "Admin" } as const;

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const items = navItemsFor(user.role, env.mode).map(({ href, label }) => ({ href, label }));

  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm text-white">S</span>
            Switchboard
          </Link>
          <ConsoleNav items={items} />
          <div className="ml-auto flex items-center gap-3">
            {env.mode === "sandbox" ? <Badge tone="warning">Sandbox</Badge> : null}
            <span className="text-sm text-slate-600" data-testid="current-user">
              {user.name} <span className="text-slate-500">· {ROLE_LABEL[user.role]}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-[1600px] flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
