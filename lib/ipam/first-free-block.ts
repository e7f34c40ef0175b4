import { alignUp, lastAddress, type Cidr } from "@/lib/net/cidr";

interface Span {
  first: number;
  last: number;
}

/** Blocked ranges as disjoint spans in address order, so one sweep can step over them. */
function mergedSpans(blocked: readonly Cidr[]): Span[] {
  const spans = blocked.map((cidr) => ({ first: cidr.base, last: lastAddress(cidr) })).sort((a, b) => a.first - b.first);
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.first <= previous.last + 1) previous.last = Math.max(previous.last, span.last);
    else merged.push({ ...span });
  }
  return merged;
}

/** The lowest /`prefix` block inside `pool` that overlaps nothing in `blocked`, or null. */
export function firstFreeBlock(pool: Cidr, prefix: number, blocked: readonly Cidr[]): Cidr | null {
  const size = 2 ** (32 - prefix);
  const poolLast = lastAddress(pool);
  let candidate = alignUp(pool.base, prefix);
  for (const span of mergedSpans(blocked)) {
    if (span.last < candidate) continue;
    if (candidate + size - 1 < span.first) break;
    candidate = alignUp(span.last + 1, prefix);
  }
  return candidate + size - 1 <= poolLast ? { base: candidate, prefix } : null;
}
