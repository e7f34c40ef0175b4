import { can, isProviderRole, type Permission, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Provider staff work across tenants and customers inside one; each sees only their own area. */
  audience: "customer" | "provider";
  permission: Permission;
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: "/connections", label: "Connections", audience: "customer", permission: "connection.read" },
  { href: "/team", label: "Team", audience: "customer", permission: "member.read" },
  { href: "/activity", label: "Activity", audience: "customer", permission: "audit.read" },
  { href: "/support", label: "Dashboard", audience: "provider", permission: "tenant.read_all" },
  { href: "/support/connections", label: "Connections", audience: "provider", permission: "tenant.read_all" },
  { href: "/support/client-vpn", label: "Client VPN", audience: "provider", permission: "tenant.read_all" },
  { href: "/support/endpoints", label: "Endpoint requests", audience: "provider", permission: "endpoint.decide" },
  { href: "/support/products", label: "Products", audience: "provider", permission: "product.read" },
  { href: "/support/audit", label: "Audit log", audience: "provider", permission: "audit.read" },
  { href: "/support/settings", label: "Settings", audience: "provider", permission: "settings.manage" },
];

/** The nav a role sees; the pages behind it check the same permissions again. */
export function navItemsFor(role: Role): NavItem[] {
  const audience = isProviderRole(role) ? "provider" : "customer";
  return NAV_ITEMS.filter((item) => item.audience === audience && can(role, item.permission));
}

export function homePathFor(role: Role): string {
  return isProviderRole(role) ? "/support" : "/connections";
}
