/**
 * Pre-shared keys are secrets: configurations shown or downloaded without them carry a placeholder
 * per tunnel instead. One spelling for every renderer, so the page can fill the placeholders in
 * once the customer reveals the keys (an audited action), without rendering everything again.
 */
export function hiddenKeyPlaceholder(tunnel: number): string {
  return `HIDDEN-TUNNEL-${tunnel}-KEY`;
}

export interface TunnelKey {
  tunnel: number;
  preSharedKey: string;
}

/** `text` with each tunnel's placeholder replaced by its key. */
export function fillHiddenKeys(text: string, keys: readonly TunnelKey[]): string {
  return keys.reduce((filled, key) => filled.replaceAll(hiddenKeyPlaceholder(key.tunnel), key.preSharedKey), text);
}

/**
 * `text` with every occurrence of each tunnel's key replaced by its placeholder: for documents AWS
 * wrote (sample device configurations), whose key positions vary by vendor. Longest keys first, so
 * a key that contains another is hidden whole.
 */
export function hideKeys(text: string, keys: readonly TunnelKey[]): string {
  const longestFirst = keys.filter((key) => key.preSharedKey !== "").sort((a, b) => b.preSharedKey.length - a.preSharedKey.length);
  return longestFirst.reduce((hidden, key) => hidden.replaceAll(key.preSharedKey, hiddenKeyPlaceholder(key.tunnel)), text);
}
