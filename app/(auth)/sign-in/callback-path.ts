/**
 * Where to go after signing in, if `raw` is a path on this site. Anything else (absolute URLs,
 * protocol-relative `//host`, backslash tricks) is dropped, so the sign-in page cannot be used to
 * send someone to another site.
 */
export function safeCallbackPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\\]/.test(raw)) return null;
  if (raw.startsWith("/sign-in") || raw.startsWith("/api/")) return null;
  return raw;
}
