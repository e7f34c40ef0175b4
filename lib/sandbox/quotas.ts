import { SandboxError } from "@/lib/sandbox/sandbox-error";

/**
 * The per-account, per-region quotas the sandbox enforces, at AWS's defaults (AWS-FACTS.md,
 * "Quotas that shape the design"). All four are adjustable at AWS: a provider onboarding hundreds
 * of sites asks for more through Service Quotas, and the sandbox's `setQuota` stands in for that.
 */
export const DEFAULT_QUOTAS = {
  /** VPCs per region, the default VPC among them. */
  vpcs: 5,
  transitGateways: 5,
  /** Route 53 Resolver endpoints (inbound and outbound) per region. */
  resolverEndpoints: 4,
  clientVpnEndpoints: 5,
} as const;

export type QuotaName = keyof typeof DEFAULT_QUOTAS;

export const QUOTA_NAMES = Object.keys(DEFAULT_QUOTAS) as QuotaName[];

export function isQuotaName(name: string): name is QuotaName {
  return Object.hasOwn(DEFAULT_QUOTAS, name);
}

/** Largest value accepted: AWS grants increases, not unbounded ones. */
const MAX_QUOTA = 100_000;

/** Checks a requested quota value as Service Quotas would (a whole number, within reason). */
export function requireQuotaValue(name: string, value: number): number {
  if (!isQuotaName(name)) {
    throw new SandboxError("NoSuchResourceException", `The sandbox has no adjustable quota named ${name}; it knows ${QUOTA_NAMES.join(", ")}.`);
  }
  if (!Number.isInteger(value) || value < 0 || value > MAX_QUOTA) {
    throw new SandboxError("IllegalArgumentException", `A quota value is a whole number from 0 to ${MAX_QUOTA}; ${value} is not.`);
  }
  return value;
}

/** The quota in force: the account's override for the region, else AWS's default. */
export function quotaValue(overrides: Readonly<Record<string, Readonly<Record<string, number>>>>, accountId: string, name: QuotaName): number {
  return overrides[accountId]?.[name] ?? DEFAULT_QUOTAS[name];
}
