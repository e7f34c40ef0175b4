"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Re-renders the page's server parts (header badge, buttons, deliverables) when a polled value they
 * depend on changes; the client parts already follow the poll.
 */
export function useRefreshWhenChanged(value: string): void {
  const router = useRouter();
  const last = useRef(value);
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      router.refresh();
    }
  }, [value, router]);
}
