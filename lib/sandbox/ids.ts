import type { Prng } from "@/lib/sandbox/prng";

/** `<prefix>-0<16 hex>`: the 17-hex-digit form AWS uses for resources created since 2018. */
export function newResourceId(prng: Prng, prefix: string): string {
  return `${prefix}-0${prng.hex(16)}`;
}
