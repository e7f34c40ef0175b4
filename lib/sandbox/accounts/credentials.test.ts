import { describe, expect, it } from "vitest";
import { accountForAccessKey, credentialsFor } from "@/lib/sandbox/accounts/credentials";

describe("sandbox credentials", () => {
  it("derives stable AWS-shaped keys and recovers the account from the key id", () => {
    const a = credentialsFor("111122223333");
    expect(a).toEqual(credentialsFor("111122223333"));
    expect(a.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(accountForAccessKey(a.accessKeyId)).toBe("111122223333");
    expect(credentialsFor("111122223334").secretAccessKey).not.toBe(a.secretAccessKey);
  });

  it("refuses key ids it never issued", () => {
    const { accessKeyId } = credentialsFor("210987654321");
    const tampered = `${accessKeyId.slice(0, 5)}${accessKeyId[5] === "Q" ? "W" : "Q"}${accessKeyId.slice(6)}`;
    expect(accountForAccessKey(tampered)).toBeNull();
    expect(accountForAccessKey("AKIAIOSFODNN7EXAMPLE")).toBeNull();
    expect(() => credentialsFor("12345")).toThrow();
  });
});
