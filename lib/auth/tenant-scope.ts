import { AppError } from "@/lib/errors";
import type { Caller } from "./caller";
import { isProviderRole } from "./permissions";

/**
 * The tenant a caller acts on. Customers act on their own tenant, whatever the request says;
 * provider staff name the tenant explicitly. A customer naming another tenant gets "not found",
 * so tenant ids cannot be probed.
 */
export function tenantFor(caller: Caller, requested?: string | null): string {
  if (isProviderRole(caller.role)) {
    if (!requested) throw new AppError("invalid_input", "Choose a tenant.", { tenantId: ["Choose a tenant."] });
    return requested;
  }
  if (!caller.tenantId) throw new AppError("forbidden", "Your account is not part of a tenant.");
  if (requested && requested !== caller.tenantId) throw new AppError("not_found", "Not found.");
  return caller.tenantId;
}

/** Whether the caller may see a row that belongs to `tenantId`. */
export function canSeeTenant(caller: Caller, tenantId: string): boolean {
  return isProviderRole(caller.role) || caller.tenantId === tenantId;
}

/** For what belongs to the provider or spans tenants: only provider staff get past it. */
export function requireProviderStaff(caller: Caller): void {
  if (!isProviderRole(caller.role)) throw new AppError("forbidden", "Your role does not allow this.");
}
