/**
 * A strict reader for the subset of Corefile syntax the forwarding snippet uses: server blocks of
 * zone keys, one directive per line, `#` comments. CoreDNS has no Debian package to check with, so
 * this is what "valid" means in tests: every brace balanced, every key a zone, every directive known.
 */
export interface CorefileDirective {
  name: string;
  args: string[];
}

export interface CorefileServerBlock {
  keys: string[];
  directives: CorefileDirective[];
}

export function parseCorefile(source: string): CorefileServerBlock[] {
  const blocks: CorefileServerBlock[] = [];
  let current: CorefileServerBlock | null = null;
  source.split("\n").forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*$/, "").trim();
    const where = `line ${index + 1}`;
    if (line === "") return;
    if (line === "}") {
      if (!current) throw new Error(`${where}: closing brace without an open server block`);
      blocks.push(current);
      current = null;
      return;
    }
    const words = line.split(/\s+/);
    if (words[words.length - 1] === "{") {
      if (current) throw new Error(`${where}: nested blocks are not part of this subset`);
      const keys = words.slice(0, -1);
      if (keys.length === 0) throw new Error(`${where}: server block without keys`);
      current = { keys, directives: [] };
      return;
    }
    if (line.includes("{") || line.includes("}")) throw new Error(`${where}: unexpected brace`);
    if (!current) throw new Error(`${where}: directive outside a server block`);
    const [name, ...args] = words;
    current.directives.push({ name, args });
  });
  if (current) throw new Error("unterminated server block");
  return blocks;
}
