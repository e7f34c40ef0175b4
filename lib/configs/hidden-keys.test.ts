import { describe, expect, it } from "vitest";
import { fillHiddenKeys, hiddenKeyPlaceholder, hideKeys } from "./hidden-keys";

const keys = [
  { tunnel: 1, preSharedKey: "Alpha.key_1" },
  { tunnel: 2, preSharedKey: "Alpha.key_12" },
];

describe("pre-shared key placeholders", () => {
  it("hides every occurrence of each key, a key containing another included", () => {
    const document = "psk Alpha.key_1\nsecret Alpha.key_12\nagain Alpha.key_1;";
    const hidden = hideKeys(document, keys);
    expect(hidden).toBe(`psk ${hiddenKeyPlaceholder(1)}\nsecret ${hiddenKeyPlaceholder(2)}\nagain ${hiddenKeyPlaceholder(1)};`);
    expect(hidden).not.toContain("Alpha");
  });

  it("fills the placeholders back in, each with its own tunnel's key", () => {
    const hidden = hideKeys("a=Alpha.key_1 b=Alpha.key_12", keys);
    expect(fillHiddenKeys(hidden, keys)).toBe("a=Alpha.key_1 b=Alpha.key_12");
    expect(fillHiddenKeys(hidden, [keys[1]])).toBe(`a=${hiddenKeyPlaceholder(1)} b=Alpha.key_12`);
  });

  it("leaves text without keys alone", () => {
    expect(hideKeys("nothing secret", [{ tunnel: 1, preSharedKey: "" }])).toBe("nothing secret");
  });
});
