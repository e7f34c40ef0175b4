"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import type { TunnelKey } from "@/lib/configs/hidden-keys";

/**
 * The pre-shared keys once the customer revealed them (an audited action). They live in this page's
 * memory only, shared so every snippet on the page can fill them in, until hidden or the page is left.
 */
interface RevealedKeys {
  keys: readonly TunnelKey[] | null;
  setKeys: (keys: readonly TunnelKey[] | null) => void;
}

const RevealedKeysContext = createContext<RevealedKeys | null>(null);

export function RevealedKeysProvider({ children }: { children: ReactNode }) {
  const [keys, setKeys] = useState<readonly TunnelKey[] | null>(null);
  return <RevealedKeysContext.Provider value={{ keys, setKeys }}>{children}</RevealedKeysContext.Provider>;
}

export function useRevealedKeys(): RevealedKeys {
  const context = useContext(RevealedKeysContext);
  if (!context) throw new Error("useRevealedKeys needs a RevealedKeysProvider above it.");
  return context;
}
