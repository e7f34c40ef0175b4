/**
 * A minimal DER reader: just enough of X.690 to walk certificates and CRLs, whose signed parts
 * must be read as the exact bytes that were signed (node's crypto parses certificates but not CRLs).
 */
export interface DerNode {
  tag: number;
  /** Offset of the tag byte: with `end`, the node's full encoding. */
  start: number;
  contentStart: number;
  end: number;
}

export class DerError extends Error {}

export function readNode(bytes: Uint8Array, offset: number, limit = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError("Truncated DER element.");
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("Multi-byte DER tags are not used by X.509.");
  let length = bytes[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > limit) throw new DerError("Invalid DER length.");
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError("DER element runs past its container.");
  return { tag, start: offset, contentStart, end };
}

/** The children of a constructed node (SEQUENCE, SET, context-specific). */
export function children(bytes: Uint8Array, node: DerNode): DerNode[] {
  const found: DerNode[] = [];
  let offset = node.contentStart;
  while (offset < node.end) {
    const child = readNode(bytes, offset, node.end);
    found.push(child);
    offset = child.end;
  }
  return found;
}

export function content(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.contentStart, node.end);
}

export function encoding(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.start, node.end);
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  oid: 0x06,
  sequence: 0x30,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`Expected ${what}.`);
  return node;
}

export function decodeOid(bytes: Uint8Array, node: DerNode): string {
  const data = content(bytes, node);
  if (data.length === 0) throw new DerError("Empty OID.");
  const parts: number[] = [Math.floor(data[0] / 40), data[0] % 40];
  let value = 0;
  for (let i = 1; i < data.length; i += 1) {
    value = value * 128 + (data[i] & 0x7f);
    if (!(data[i] & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

/** UTCTime (YYMMDDHHMMSSZ, years 1950-2049 per RFC 5280) or GeneralizedTime, as epoch ms. */
export function decodeTime(bytes: Uint8Array, node: DerNode): number {
  const text = Buffer.from(content(bytes, node)).toString("latin1");
  const match =
    node.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : node.tag === TAG.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!match) throw new DerError("Invalid time.");
  let year = Number(match[1]);
  if (node.tag === TAG.utcTime) year += year < 50 ? 2000 : 1900;
  return Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
}

/** An INTEGER's magnitude as upper-case hex without leading zeros: how serial numbers compare. */
export function decodeSerial(bytes: Uint8Array, node: DerNode): string {
  return normalizeSerial(Buffer.from(content(bytes, node)).toString("hex"));
}

export function normalizeSerial(hex: string): string {
  const trimmed = hex.replace(/:/g, "").toUpperCase().replace(/^0+/, "");
  return trimmed === "" ? "0" : trimmed;
}
