/** One line of the bench's table. */
export interface BenchRow {
  what: string;
  value: string;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A duration measured on the sandbox's scaled clock, as it would be at AWS speed, then as measured. */
export function atAwsSpeed(ms: number, timeScale: number): string {
  return `${seconds(ms / timeScale)} at AWS speed (${seconds(ms)} here)`;
}

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)}%`;
}
