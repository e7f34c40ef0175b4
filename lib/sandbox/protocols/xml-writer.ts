/**
 * A value the XML writer can render. Objects become elements named by their keys (already in the
 * wire spelling), arrays become repeated list entries (`<item>` for EC2, `<member>` for awsQuery).
 */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | XmlValue[]
  | { [element: string]: XmlValue };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function renderScalar(value: string | number | boolean | Date): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXml(String(value));
}

export function renderElement(name: string, value: XmlValue, listEntry: string): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((entry) => renderElement(listEntry, entry, listEntry)).join("")}</${name}>`;
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    return `<${name}>${renderChildren(value, listEntry)}</${name}>`;
  }
  return `<${name}>${renderScalar(value)}</${name}>`;
}

export function renderChildren(value: { [element: string]: XmlValue }, listEntry: string): string {
  return Object.entries(value)
    .map(([child, childValue]) => renderElement(child, childValue, listEntry))
    .join("");
}
