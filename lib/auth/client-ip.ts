/**
 * The caller's address for audit and rate limiting. Next.js sets x-forwarded-for for direct
 * connections; behind a load balancer, the first hop is the client.
 */
export function clientIpFrom(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  const ip = first || headers.get("x-real-ip")?.trim() || null;
  // Bound what we store: a header is attacker-controlled.
  return ip ? ip.slice(0, 64) : null;
}
