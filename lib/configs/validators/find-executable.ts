import { spawnSync } from "node:child_process";

/**
 * Where a command-line tool lives, or null when it is not installed. Debian puts unbound-checkconf
 * and dnsmasq in /usr/sbin, which is not on an ordinary user's PATH, so those folders are tried too.
 */
export function findExecutable(name: string): string | null {
  const candidates = [name, `/usr/sbin/${name}`, `/sbin/${name}`, `/usr/bin/${name}`];
  for (const candidate of candidates) {
    // Spawning is the one portable existence check that also honours PATH; a missing binary
    // fails with ENOENT before any argument is looked at.
    const probe = spawnSync(candidate, ["-h"], { stdio: "ignore", timeout: 10_000 });
    if (!probe.error) return candidate;
  }
  return null;
}
