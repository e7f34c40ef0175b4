"use client";

import { CopyBlock } from "@/components/ui/copy-block";
import { fillHiddenKeys, hiddenKeyPlaceholder } from "@/lib/configs/hidden-keys";
import { useRevealedKeys } from "./revealed-keys";

/** A snippet rendered with key placeholders, shown with the keys once the customer revealed them. */
export function KeyAwareCopyBlock({ value, label, multiline = false }: { value: string; label: string; multiline?: boolean }) {
  const { keys } = useRevealedKeys();
  return <CopyBlock value={keys ? fillHiddenKeys(value, keys) : value} label={label} multiline={multiline} />;
}

/** Says whether the snippets below hold the keys, and how to get them in. */
export function HiddenKeysHint({ canRevealSecrets }: { canRevealSecrets: boolean }) {
  const { keys } = useRevealedKeys();
  if (keys) {
    return <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">These commands now hold the pre-shared keys: treat them as secrets.</p>;
  }
  const placeholders = `${hiddenKeyPlaceholder(1)} and ${hiddenKeyPlaceholder(2)}`;
  return (
    <p className="text-xs text-slate-500">
      The pre-shared keys appear as {placeholders}.{" "}
      {canRevealSecrets ? "Reveal them above to fill them in." : "An admin of your organisation can reveal them."}
    </p>
  );
}
