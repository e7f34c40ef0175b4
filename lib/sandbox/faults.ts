import type { Prng } from "@/lib/sandbox/prng";

export interface FaultConfig {
  throttleRate?: number;
  internalErrorRate?: number;
  notFoundAfterCreateMs?: number;
  actions?: string[];
}

function validRate(rate: number | undefined, name: string): number {
  if (rate === undefined) return 0;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`${name} must be between 0 and 1.`);
  return rate;
}

/** Injected failures, drawn from a seeded PRNG so a failing test replays the same way. */
export class FaultInjector {
  private config: FaultConfig = {};

  constructor(private readonly prng: Prng) {}

  set(config: FaultConfig): void {
    validRate(config.throttleRate, "throttleRate");
    validRate(config.internalErrorRate, "internalErrorRate");
    if (config.notFoundAfterCreateMs !== undefined && !(config.notFoundAfterCreateMs >= 0)) {
      throw new Error("notFoundAfterCreateMs must be a non-negative number.");
    }
    this.config = { ...config, actions: config.actions ? [...config.actions] : undefined };
  }

  clear(): void {
    this.config = {};
  }

  current(): FaultConfig {
    return { ...this.config };
  }

  private applies(action: string): boolean {
    return !this.config.actions || this.config.actions.includes(action);
  }

  /** The kind of failure this call meets before touching state, if any; each service words it its own way. */
  failureFor(action: string): "throttle" | "internal" | null {
    if (!this.applies(action)) return null;
    const throttle = validRate(this.config.throttleRate, "throttleRate");
    const internal = validRate(this.config.internalErrorRate, "internalErrorRate");
    if (throttle > 0 && this.prng.next() < throttle) return "throttle";
    if (internal > 0 && this.prng.next() < internal) return "internal";
    return null;
  }

  /** Eventual consistency: how long a just-created resource stays invisible to this action. */
  notFoundWindowMs(action: string): number {
    if (!this.applies(action)) return 0;
    return this.config.notFoundAfterCreateMs ?? 0;
  }
}
