/** Figures of a plan's run: how long its steps took, and the least the graph allowed. */

export interface TimedStep {
  name: string;
  dependsOn: readonly string[];
  durationMs: number;
}

/**
 * The longest chain of step durations through the dependency graph: how long the run takes when
 * every step starts the moment its dependencies finish. Throws on an unknown dependency or a cycle
 * (a plan rejects both when it is defined, so either means the figures belong to another plan).
 */
export function criticalPathMs(steps: readonly TimedStep[]): number {
  const byName = new Map(steps.map((step) => [step.name, step]));
  const finish = new Map<string, number>();
  const visiting = new Set<string>();
  const finishOf = (name: string): number => {
    const known = finish.get(name);
    if (known !== undefined) return known;
    const step = byName.get(name);
    if (!step) throw new Error(`No timing for step "${name}".`);
    if (visiting.has(name)) throw new Error(`Dependency cycle through "${name}".`);
    visiting.add(name);
    const start = Math.max(0, ...step.dependsOn.map(finishOf));
    visiting.delete(name);
    finish.set(name, start + step.durationMs);
    return start + step.durationMs;
  };
  return Math.max(0, ...steps.map((step) => finishOf(step.name)));
}

/** The steps run one after another. */
export function sequentialMs(steps: readonly TimedStep[]): number {
  return steps.reduce((sum, step) => sum + step.durationMs, 0);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("The median of nothing is undefined.");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
