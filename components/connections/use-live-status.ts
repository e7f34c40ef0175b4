"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";

/** Before the first answer: as often as while a plan's steps move. */
const FIRST_POLL_MS = 2_000;

export interface LiveStatusSource<View> {
  /** Names the query; the page's parts that poll the same view share it. */
  key: string;
  /** The status route for the connection. */
  url: (id: string) => string;
  /** How long until the next poll for this view; false stops polling. */
  pollInterval: (view: View) => number | false;
}

async function fetchView<View>(url: string): Promise<View> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  const view: View = await response.json();
  return view;
}

/**
 * A connection's live view, polled from its status route. Every part of the page calls this with the
 * server's first view; they share one query, so the page makes one request per interval.
 */
export function useLiveStatus<View extends { id: string }>(source: LiveStatusSource<View>, initial: View) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => [source.key, initial.id] as const, [source.key, initial.id]);
  const { data, isError } = useQuery({
    queryKey,
    queryFn: () => fetchView<View>(source.url(initial.id)),
    initialData: initial,
    refetchInterval: (query) => (query.state.data ? source.pollInterval(query.state.data) : FIRST_POLL_MS),
  });
  /** Asks for a fresh view now, after the page itself changed something. */
  const refetchNow = useCallback(() => queryClient.invalidateQueries({ queryKey }), [queryClient, queryKey]);
  // initialData makes data always defined; TanStack's typings cannot tell so for a generic View.
  return { view: data ?? initial, isError, refetchNow };
}
