import type { Role } from "@/lib/server/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
  sandboxOnly?: boolean;
}

/** The console's sections and who sees them. Pages enforce the same roles on the server. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/agent", label: "Agent", roles: ["AGENT", "SUPERVISOR", "ADMIN"] },
  { href: "/messages", label: "Messages", roles: ["AGENT", "SUPERVISOR", "ADMIN"] },
  { href: "/supervisor", label: "Supervisor", roles: ["SUPERVISOR", "ADMIN"] },
  { href: "/rooms", label: "Rooms", roles: ["AGENT", "SUPERVISOR", "ADMIN"] },
  { href: "/admin", label: "Admin", roles: ["ADMIN"] },
  { href: "/sandbox", label: "Sandbox", roles: ["AGENT", "SUPERVISOR", "ADMIN"], sandboxOnly: true },
];

export function navItemsFor(role: Role, mode: "twilio" | "sandbox"): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && (!item.sandboxOnly || mode === "sandbox"));
}
