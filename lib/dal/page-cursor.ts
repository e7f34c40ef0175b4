import { z } from "zod";
import { firstParam, type SearchParams } from "@/lib/search-params";

/**
 * Keyset paging cursors: the sort key of the first or last row of a page, opaque to the browser.
 * Keyset (not OFFSET) keeps deep pages as cheap as the first one.
 */
const cursorSchema = z.object({ k: z.string().max(512), id: z.string().max(64) });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** A cursor from the URL; anything malformed means "start from the beginning". */
export function decodeCursor(raw: string | null | undefined): Cursor | null {
  if (!raw || raw.length > 1024) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type PageDirection = "after" | "before";

/** The page a list's URL asks for: `?before=` pages back; `?after=`, or neither, pages forward. */
export function requestedPage(params: SearchParams): { cursor: Cursor | null; direction: PageDirection } {
  const before = decodeCursor(firstParam(params, "before", 1024));
  if (before) return { cursor: before, direction: "before" };
  return { cursor: decodeCursor(firstParam(params, "after", 1024)), direction: "after" };
}

export interface Page<T> {
  rows: T[];
  /** Cursor for the page after this one, if there is one. */
  next: string | null;
  /** Cursor for the page before this one, if there is one. */
  previous: string | null;
}

/**
 * Turns `limit + 1` rows fetched in the requested direction into a page in display order. Fetching
 * one extra row tells whether another page exists in that direction without a count.
 */
export function toPage<T>(
  fetched: T[],
  options: { limit: number; direction: PageDirection; hadCursor: boolean; keyOf: (row: T) => Cursor },
): Page<T> {
  const more = fetched.length > options.limit;
  const slice = fetched.slice(0, options.limit);
  const rows = options.direction === "before" ? slice.reverse() : slice;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = options.direction === "after" ? more : options.hadCursor;
  const hasPrevious = options.direction === "before" ? more : options.hadCursor;
  return {
    rows,
    next: hasNext && last ? encodeCursor(options.keyOf(last)) : null,
    previous: hasPrevious && first ? encodeCursor(options.keyOf(first)) : null,
  };
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
