import type { XmlValue } from "@/lib/sandbox/protocols/xml-writer";

/** What a protocol codec reads from a request and writes back: independent of the transport. */
export interface WireRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ActionResult = { [element: string]: XmlValue };
