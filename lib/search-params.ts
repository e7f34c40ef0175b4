/** The query string as Next.js hands it to a page. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One query parameter as a trimmed string, bounded so a hostile URL cannot feed huge values on. */
export function firstParam(params: SearchParams, key: string, maxLength = 200): string | undefined {
  const raw = params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  return value.slice(0, maxLength);
}

/** A link to `path` with the given query parameters; empty ones are left out. */
export function hrefWith(path: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are checked before they reach a uuid column, where PostgreSQL would reject them. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
