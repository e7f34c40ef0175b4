/**
 * What `headers()` and `cookies()` from next/headers return in tests (setup.ts mocks them), since
 * there is no Next.js request around a test. Kept on globalThis like the caller, for the same reason.
 */
const key = Symbol.for("onramp.testing.request");

interface TestRequest {
  headers: Record<string, string>;
  cookies: Map<string, string>;
}

type GlobalWithRequest = typeof globalThis & { [key]?: TestRequest };

const DEFAULT_HEADERS: Record<string, string> = {
  host: "localhost:3000",
  "x-forwarded-proto": "http",
  "x-forwarded-for": "203.0.113.10",
};

function current(): TestRequest {
  const g = globalThis as GlobalWithRequest;
  g[key] ??= { headers: { ...DEFAULT_HEADERS }, cookies: new Map() };
  return g[key];
}

/** Replaces the request headers seen by `headers()`; unset names fall back to a localhost request. */
export function setTestRequestHeaders(headers: Record<string, string>): void {
  current().headers = { ...DEFAULT_HEADERS, ...headers };
}

export function testRequestHeaders(): Headers {
  return new Headers(current().headers);
}

/** The subset of Next.js's cookie store that server code uses. */
export function testCookies() {
  const jar = current().cookies;
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) ?? "" } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  };
}
