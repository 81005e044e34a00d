import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/admin", label: "Users", exact: true },
  { href: "/admin/hours", label: "Hours & holidays" },
  { href: "/admin/ivr", label: "Phone menu" },
  { href: "/admin/queues", label: "Queues" },
  { href: "/admin/call-handling", label: "Call handling" },
  { href: "/admin/audit", label: "Audit log" },
];

export function AdminTabs() {
  return <SectionTabs tabs={TABS} label="Administration sections" />;
}
