/**
 * Waits for work at most `ms`, so an interactive request can usually show the result of a cloud
 * call without hanging on a slow one. The work keeps running after the deadline (the reconciler
 * would redo it anyway); its failure is logged, never thrown at the caller.
 */
export async function runBounded(work: Promise<unknown>, ms: number, what: string): Promise<"done" | "timed_out" | "failed"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = work.then(
    () => "done" as const,
    (error: unknown) => {
      console.warn(`[onramp] ${what} did not finish inline; the reconciler will retry`, error instanceof Error ? error.name : error);
      return "failed" as const;
    },
  );
  const deadline = new Promise<"timed_out">((resolve) => {
    timer = setTimeout(() => resolve("timed_out"), ms);
  });
  try {
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
