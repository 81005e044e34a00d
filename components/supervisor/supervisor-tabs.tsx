"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/supervisor", label: "Live", exact: true },
  { href: "/supervisor/calls", label: "Call log" },
  { href: "/supervisor/voicemail", label: "Voicemail" },
  { href: "/supervisor/reports", label: "Reports" },
];

export function SupervisorTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Supervisor views" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const active = tab.exact ? pathname === tab.href : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
