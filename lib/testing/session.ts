import type { Caller } from "@/lib/auth/caller";

// Kept on globalThis so the mocked `getCaller` (set up in setup.ts) and the test file read the same
// value even if a test resets its module registry.
const key = Symbol.for("onramp.testing.caller");
type GlobalWithCaller = typeof globalThis & { [key]?: Caller | null };

/** Who the mocked `getCaller()` returns from now on; null means "not signed in". */
export function setTestCaller(caller: Caller | null): void {
  (globalThis as GlobalWithCaller)[key] = caller;
}

export function currentTestCaller(): Caller | null {
  return (globalThis as GlobalWithCaller)[key] ?? null;
}
