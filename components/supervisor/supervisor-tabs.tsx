import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/supervisor", label: "Live", exact: true },
  { href: "/supervisor/calls", label: "Call log" },
  { href: "/supervisor/voicemail", label: "Voicemail" },
  { href: "/supervisor/reports", label: "Reports" },
];

export function SupervisorTabs() {
  return <SectionTabs tabs={TABS} label="Supervisor views" />;
}
