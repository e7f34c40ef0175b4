import { SandboxError } from "@/lib/sandbox/sandbox-error";

/**
 * The part of CloudWatch Logs' filter pattern syntax this cloud understands: terms, bare or in
 * double quotes, all of which an event's message must contain (case-sensitive, as in AWS). An
 * empty pattern matches everything. OR (`?`), exclusion (`-`), JSON (`{ $.x = … }`) and
 * space-delimited (`[…]`) patterns are refused rather than matched wrongly.
 */
export type FilterPattern = (message: string) => boolean;

function invalidPattern(): SandboxError {
  return new SandboxError("InvalidParameterException", "Invalid filter pattern: only plain and double-quoted terms are supported here.");
}

export function parseFilterPattern(pattern: string | undefined): FilterPattern {
  const text = pattern?.trim() ?? "";
  if (text === "") return () => true;
  const terms: string[] = [];
  const token = /\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/y;
  let index = 0;
  while (index < text.length) {
    token.lastIndex = index;
    const match = token.exec(text);
    if (!match) throw invalidPattern();
    const bare = match[2];
    if (bare !== undefined && /^[?\-{[]/.test(bare)) throw invalidPattern();
    const term = match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : bare;
    if (term) terms.push(term);
    index = token.lastIndex;
    if (/^\s*$/.test(text.slice(index))) break;
  }
  return (message) => terms.every((term) => message.includes(term));
}
