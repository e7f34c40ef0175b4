/**
 * Lets code that just made work (a new run, a retry) wake this process's idle engine workers
 * instead of leaving the work until their next poll. Workers in other processes find it by polling.
 */
const wakersKey = Symbol.for("onramp.engine.wakers");
type GlobalWithWakers = typeof globalThis & { [wakersKey]?: Set<() => void> };

function wakers(): Set<() => void> {
  const g = globalThis as GlobalWithWakers;
  g[wakersKey] ??= new Set();
  return g[wakersKey];
}

export function onWake(wake: () => void): () => void {
  wakers().add(wake);
  return () => {
    wakers().delete(wake);
  };
}

export function wakeLocalWorkers(): void {
  for (const wake of wakers()) wake();
}
