/**
 * A shape check for generated PowerShell, as there is no PowerShell on Debian to parse it: brackets
 * balance outside strings, every string closes on its line, and every cmdlet and parameter used is
 * one the script is allowed to call (taken from the DnsServer and core module references).
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  "Get-CimInstance": ["ClassName"],
  "Get-DnsServerZone": ["Name", "ErrorAction"],
  "Add-DnsServerConditionalForwarderZone": ["Name", "MasterServers", "ReplicationScope"],
  "Set-DnsServerConditionalForwarderZone": ["Name", "MasterServers", "UseRecursion"],
  "Resolve-DnsName": ["Name", "Server", "DnsOnly"],
  "Write-Host": [],
  "Write-Warning": [],
};

/** Comparison and logical operators look like parameters but are not. */
const OPERATORS = new Set(["eq", "ne", "ge", "gt", "le", "lt", "and", "or", "not", "like", "match"]);

const PAIRS: Readonly<Record<string, string>> = { ")": "(", "}": "{", "]": "[" };

export function powershellShapeProblems(source: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  source.split("\n").forEach((rawLine, index) => {
    const where = `line ${index + 1}`;
    const line = rawLine.trimStart().startsWith("#") ? "" : rawLine;
    let quote: string | null = null;
    let code = "";
    for (const ch of line) {
      if (quote) {
        if (ch === quote) quote = null;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        code += " ";
        continue;
      }
      code += ch;
      if (ch === "(" || ch === "{" || ch === "[") stack.push(ch);
      if (ch === ")" || ch === "}" || ch === "]") {
        if (stack.pop() !== PAIRS[ch]) problems.push(`${where}: unbalanced ${ch}`);
      }
    }
    if (quote) problems.push(`${where}: unterminated ${quote} string`);

    const cmdlet = /(?:^|[\s(;|{])([A-Z][a-z]+-[A-Za-z]+)\b/.exec(code)?.[1];
    if (!cmdlet) return;
    const parameters = ALLOWED[cmdlet];
    if (!parameters) {
      problems.push(`${where}: ${cmdlet} is not an expected cmdlet`);
      return;
    }
    for (const match of code.matchAll(/\s-([A-Za-z]+)/g)) {
      const name = match[1];
      if (!OPERATORS.has(name.toLowerCase()) && !parameters.includes(name)) problems.push(`${where}: ${cmdlet} has no -${name} parameter`);
    }
  });
  if (stack.length > 0) problems.push(`unclosed ${stack.join("")}`);
  return problems;
}
