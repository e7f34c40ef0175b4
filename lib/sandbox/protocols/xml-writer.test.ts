import { describe, expect, it } from "vitest";
import { renderChildren } from "@/lib/sandbox/protocols/xml-writer";

describe("xml writer", () => {
  it("escapes text, renders lists with the protocol's entry name and skips absent values", () => {
    const xml = renderChildren(
      { name: `a<b>&"c'`, tagSet: [{ key: "k", value: "v" }], empty: [], missing: undefined, on: true, n: 3 },
      "item",
    );
    expect(xml).toBe(
      "<name>a&lt;b&gt;&amp;&quot;c&apos;</name><tagSet><item><key>k</key><value>v</value></item></tagSet><empty/><on>true</on><n>3</n>",
    );
  });
});
