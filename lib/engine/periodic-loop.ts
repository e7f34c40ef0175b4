/**
 * A background job that runs one pass, waits, and runs again until stopped: the shape of the
 * engine process's time-driven work (PrivateLink's reconciler, Client VPN's maintenance).
 */
export interface PeriodicLoop {
  /** Cuts the current wait short, so the next pass starts now. */
  wake(): void;
  /** Stops the loop; resolves once the pass under way has ended. */
  stop(): Promise<void>;
}

/** Starts the loop at once. A failed pass is logged under `name` and the loop goes on: it never throws. */
export function startPeriodicLoop(name: string, intervalMs: number, pass: () => Promise<void>): PeriodicLoop {
  let stopped = false;
  let wake: () => void = () => undefined;

  const loop = (async () => {
    while (!stopped) {
      try {
        await pass();
      } catch (error) {
        console.error(`[onramp] ${name} pass failed`, error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => undefined;
    }
  })();

  return {
    wake: () => wake(),
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
