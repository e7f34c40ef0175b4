/** One `-----BEGIN <label>-----` block: its label and DER bytes. */
export interface PemBlock {
  label: string;
  der: Buffer;
  /** The block as text, normalized to one trailing newline. */
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const body = match[2].replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) continue;
    blocks.push({ label: match[1], der: Buffer.from(body, "base64"), text: `${match[0].trim()}\n` });
  }
  return blocks;
}

/** Whether anything other than PEM blocks and whitespace is in the text. */
export function hasStrayText(text: string): boolean {
  return text.replace(BLOCK, "").trim() !== "";
}
