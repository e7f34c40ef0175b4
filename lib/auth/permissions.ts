/**
 * The one permission table. Server actions and route handlers check it through the guard; pages use
 * the same table to decide what to show. A role not listed for a permission does not have it.
 */
export const ROLES = ["customer_admin", "customer_viewer", "provider_support", "provider_admin"] as const;
export type Role = (typeof ROLES)[number];

export const PROVIDER_ROLES: readonly Role[] = ["provider_support", "provider_admin"];
export const CUSTOMER_ROLES: readonly Role[] = ["customer_admin", "customer_viewer"];

const everyone: readonly Role[] = ROLES;
const customerAdmin: readonly Role[] = ["customer_admin"];
const providerStaff: readonly Role[] = PROVIDER_ROLES;
const providerAdmin: readonly Role[] = ["provider_admin"];

export const PERMISSIONS = {
  "connection.read": everyone,
  "connection.create": customerAdmin,
  "connection.remove": customerAdmin,
  /** Performs the customer's own AWS steps in the sandbox cloud; never exists with real AWS. */
  "connection.simulate": customerAdmin,
  /** Reveals a connection's secrets (VPN pre-shared keys); every reveal is audited. */
  "connection.secrets": ["customer_admin", "provider_admin"],
  /** Support's repair tools: retry a failed connection, re-run reconciliation. */
  "connection.repair": providerStaff,
  "endpoint.decide": providerStaff,
  /** Adds, re-issues (a new single-use config link), revokes and disconnects a tenant's Client VPN devices. */
  "client_vpn.device.manage": customerAdmin,
  "member.read": ["customer_admin", "customer_viewer", "provider_support", "provider_admin"],
  "member.invite": ["customer_admin", "provider_support", "provider_admin"],
  "member.remove": ["customer_admin", "provider_admin"],
  "tenant.read_all": providerStaff,
  "tenant.create": providerStaff,
  "audit.read": ["customer_admin", "customer_viewer", "provider_support", "provider_admin"],
  "product.read": everyone,
  "product.manage": providerAdmin,
  "settings.manage": providerAdmin,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return allowed.includes(role);
}

export function isProviderRole(role: Role): boolean {
  return PROVIDER_ROLES.includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  customer_admin: "Admin",
  customer_viewer: "Viewer",
  provider_support: "Provider support",
  provider_admin: "Provider admin",
};
